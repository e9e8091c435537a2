// Bahasa Indonesia is the primary language: every key is defined here first, and the English dictionary must match it.
export const id = {
  'app.title': 'Pantau',
  'app.tagline': 'Peta wilayah perbatasan untuk TIMPORA',

  'lang.group': 'Bahasa tampilan',
  'lang.switchTo': 'Ganti bahasa ke English',
  'lang.id.short': 'ID',
  'lang.id.name': 'Bahasa Indonesia',
  'lang.en.short': 'EN',
  'lang.en.name': 'English',

  'map.label': 'Peta wilayah administrasi dan perbatasan',
  'map.loading': 'Memuat peta…',
  'map.styleError':
    'Peta tidak dapat dimuat dari server. Periksa apakah server Pantau berjalan, lalu muat ulang halaman.',
  'map.clickedPoint': 'Titik yang dipilih',

  'maplibre.map': 'Peta',
  'maplibre.marker': 'Penanda peta',
  'maplibre.zoomIn': 'Perbesar',
  'maplibre.zoomOut': 'Perkecil',
  'maplibre.resetBearing': 'Seret untuk memutar peta, klik untuk kembali ke utara',
  'maplibre.toggleAttribution': 'Tampilkan atau sembunyikan atribusi',
  'maplibre.popupClose': 'Tutup',

  'search.label': 'Cari wilayah',
  'search.placeholder': 'Cari desa, kecamatan, kabupaten…',
  'search.hintMinLength': 'Ketik minimal 2 huruf.',
  'search.searching': 'Mencari…',
  'search.noResults': 'Tidak ada wilayah yang cocok dengan “{query}”.',
  'search.clear': 'Kosongkan pencarian',
  'search.results': 'Hasil pencarian',

  'level.provinsi': 'Provinsi',
  'level.kabupaten': 'Kab/Kota',
  'level.kecamatan': 'Kecamatan',
  'level.desa': 'Desa/Kelurahan',

  'selected.heading': 'Wilayah terpilih',
  'selected.dismiss': 'Tutup wilayah terpilih',

  'panel.heading': 'Informasi lokasi',
  'panel.close': 'Tutup panel',
  'panel.loading': 'Mencari wilayah di titik ini…',
  'panel.coordinates': 'Koordinat',
  'panel.kind.desa': 'Desa',
  'panel.kind.kelurahan': 'Kelurahan',
  'panel.kecamatan': 'Kecamatan',
  'panel.kabupaten': 'Kabupaten/Kota',
  'panel.provinsi': 'Provinsi',
  'panel.code': 'Kode wilayah',
  'panel.distanceHeading': 'Jarak ke perbatasan',
  'panel.distanceNearest': 'Perbatasan terdekat',
  'panel.distanceLand': 'Batas darat',
  'panel.distanceSea': 'Batas laut',
  'panel.distanceUnavailable': 'Jarak ke perbatasan tidak tersedia untuk titik ini.',
  'panel.distanceValue': '{value} km',
  'panel.outsideDesa':
    'Titik ini tidak berada di dalam desa atau kelurahan mana pun dalam data kami — mungkin di laut atau di luar wilayah yang dimuat.',
  'panel.nothingHere':
    'Maaf, tidak ada wilayah administrasi Indonesia di titik ini. Coba klik di daratan wilayah perbatasan.',

  'disclaimer.border': 'Garis perbatasan di peta ini bukan garis batas negara yang sah.',

  'legend.heading': 'Legenda',
  'legend.desa': 'Batas desa/kelurahan',
  'legend.kecamatan': 'Batas kecamatan',
  'legend.kabupaten': 'Batas kabupaten/kota',
  'legend.provinsi': 'Batas provinsi',
  'legend.landBorder': 'Garis batas darat (perkiraan)',
  'legend.seaBoundary': 'Batas laut (perkiraan)',

  'footer.credits': '© OpenStreetMap contributors · © cahyadsn/wilayah_boundaries · idn-area-data · MapLibre',
  'footer.sources': 'Sumber data',
  'footer.dataVintage': 'Data batas: {vintage}',
  'footer.serverUnavailable': 'Server atau basis data tidak tersedia',

  'sources.heading': 'Sumber data',
  'sources.boundaries': 'Batas wilayah: © cahyadsn/wilayah_boundaries (lisensi MIT)',
  'sources.codes': 'Kode dan nama wilayah: idn-area-data (lisensi ODbL)',
  'sources.osm':
    'Garis pantai negara dan garis perbatasan: © kontributor OpenStreetMap (lisensi ODbL), melalui @geo-maps',
  'sources.vintage': 'Versi data batas: {vintage}, diimpor {importedAt}.',
  'sources.close': 'Tutup',

  'error.network': 'Server Pantau tidak dapat dihubungi. Periksa jaringan atau apakah server berjalan.',
  'error.client': 'Terjadi kesalahan di halaman ini. Coba muat ulang.',
  'error.unexpected': 'Server memberikan jawaban yang tidak terduga (HTTP {status}).',
} as const;

export type MessageKey = keyof typeof id;
