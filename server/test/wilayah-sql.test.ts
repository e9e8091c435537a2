import { describe, expect, test } from 'vitest';
import { parseWilayahLine, pathToMultiPolygon } from '../src/boundaries/wilayah-sql.ts';
import { parseCsvLine } from '../src/boundaries/official-list.ts';

describe('parseWilayahLine', () => {
  test('swaps [lat, lng] to [lng, lat], closes rings and unescapes doubled quotes', () => {
    const line = `\t('53.01.12.2005','Oh''aem',-9.73,124.01,'[[[-9.75,124.06],[-9.76,124.07],[-9.74,124.08]]]'),`;
    const record = parseWilayahLine(line)!;
    expect(record.code).toBe('53.01.12.2005');
    expect(record.name).toBe("Oh'aem");
    expect(JSON.parse(record.geometryJson)).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [124.06, -9.75],
            [124.07, -9.76],
            [124.08, -9.74],
            [124.06, -9.75],
          ],
        ],
      ],
    });
  });

  test('accepts a multipolygon path and a space after the commas', () => {
    const line = `\t('21.04.02.1020','Daik', -0.21, 104.6,'[[[[0,1],[0,2],[1,2],[0,1]]],[[[5,6],[5,7],[6,7],[5,6]]]]');`;
    const geometry = JSON.parse(parseWilayahLine(line)!.geometryJson);
    expect(geometry.coordinates).toHaveLength(2);
    expect(geometry.coordinates[1][0][0]).toEqual([6, 5]);
  });

  test('ignores lines that are not rows, and rows without a usable ring', () => {
    expect(parseWilayahLine('INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES')).toBeNull();
    expect(parseWilayahLine(`\t('61.01','X',0,0,'[[[0,1],[0,2]]]'),`)).toBeNull();
    expect(pathToMultiPolygon([])).toEqual([]);
  });
});

describe('parseCsvLine', () => {
  test('splits quoted fields holding commas and doubled quotes', () => {
    expect(parseCsvLine('11.01.40001,11.01,"03°19\'03.44"" N 097°07\'41.73"" E",0,0,Pulau Batukapal')).toEqual([
      '11.01.40001',
      '11.01',
      '03°19\'03.44" N 097°07\'41.73" E',
      '0',
      '0',
      'Pulau Batukapal',
    ]);
  });
});
