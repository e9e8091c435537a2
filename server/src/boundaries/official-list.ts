/** The official code and name list (Kepmendagri 2025) from the idn-area-data package. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface OfficialRegion {
  code: string;
  name: string;
  parentCode: string;
}

export interface OfficialList {
  provinces: { code: string; name: string }[];
  regencies: (OfficialRegion & { provinceCode: string })[];
  districts: OfficialRegion[];
  villages: OfficialRegion[];
}

const require = createRequire(import.meta.url);

/** Splits one CSV line; the files quote fields that hold commas and double their quotes. */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

function readCsv(name: string): string[][] {
  const file = require.resolve(`idn-area-data/data/${name}.csv`);
  const [, ...rows] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  return rows.map(parseCsvLine);
}

export function readOfficialList(): OfficialList {
  return {
    provinces: readCsv('provinces').map(([code = '', name = '']) => ({ code, name })),
    regencies: readCsv('regencies').map(([code = '', provinceCode = '', name = '']) => ({
      code,
      name,
      parentCode: provinceCode,
      provinceCode,
    })),
    districts: readCsv('districts').map(([code = '', parentCode = '', name = '']) => ({ code, name, parentCode })),
    villages: readCsv('villages').map(([code = '', parentCode = '', name = '']) => ({ code, name, parentCode })),
  };
}
