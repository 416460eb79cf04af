// The vocabulary of the synthetic archive: common Indonesian administrative words in rough order of
// frequency, and the names that give real correspondence its long tail (villages, people). Only the
// benchmark reads this; nothing here may be used as real data or shipped with the app.

/** Ranked roughly by how often they occur in regional-government letters and reports. */
export const COMMON_WORDS: readonly string[] = `
yang dan di dengan untuk dalam pada ini dari atau tersebut oleh sebagai ke akan telah tidak dapat
adalah agar serta bahwa kepada sesuai maka juga nomor tahun daerah pemerintah kabupaten dinas kegiatan
pelaksanaan anggaran program surat kepala bidang bagian sudah bagi terhadap antara secara setiap
masing hal dilaksanakan pembangunan pelayanan masyarakat penyusunan laporan rapat koordinasi peraturan
keputusan bupati sekretaris sekretariat undangan pengadaan barang jasa belanja pendapatan keuangan
aset pegawai aparatur sipil negara jabatan pejabat tingkat perjalanan tugas perintah edaran pengumuman
berita acara serah terima dokumen arsip informasi publik permohonan kecamatan desa kelurahan camat
lurah musyawarah perencanaan rencana kerja strategis realisasi target capaian kinerja indikator
evaluasi monitoring pengawasan pemeriksaan temuan rekomendasi tindak lanjut kesehatan pendidikan
sekolah guru siswa puskesmas rumah sakit jalan jembatan bencana bantuan sosial penerima manfaat
keluarga data kependudukan perizinan izin usaha pajak pasar lingkungan hidup air bersih tata ruang
perhubungan komunikasi informatika aplikasi jaringan berdasarkan sehubungan rangka bersama dimohon
kehadiran bapak ibu saudara terima kasih perhatian kerjasama demikian disampaikan atas diketahui
sebagaimana mestinya tembusan hormat kami menindaklanjuti ditindaklanjuti melaksanakan menyampaikan
mengajukan diajukan menetapkan ditetapkan mengundang menghadiri dihadiri memperhatikan mengingat
menimbang memutuskan hari tanggal pukul tempat acara ruang aula kantor gedung lantai januari februari
maret april mei juni juli agustus september oktober november desember senin selasa rabu kamis jumat
wib provinsi pusat nasional regional wilayah kota unit kerja organisasi perangkat badan lembaga kantor
umum khusus teknis administrasi tata usaha kepegawaian perlengkapan rumah tangga protokol humas hukum
perundangan produk rancangan naskah dinas resmi sah berlaku sejak mulai sampai batas waktu jadwal
tahap tahapan proses prosedur standar operasional mekanisme persyaratan kelengkapan berkas lampiran
salinan asli tanda tangan stempel cap nama alamat telepon pos elektronik email laman website resmi
sistem informasi manajemen satu statistik sektoral survei sensus pendataan verifikasi validasi
pemutakhiran basis pengolahan analisis kajian penelitian pengembangan inovasi teknologi digital
transformasi layanan terpadu pintu mal pengaduan keberatan sengketa komisi pemohon ppid pejabat
pengelola dokumentasi klasifikasi retensi penyusutan pemusnahan penyerahan pemindahan inaktif aktif
vital terjaga rahasia terbatas biasa penting segera sangat kilat perihal lamp yth hal kepada
pembiayaan dana alokasi transfer hibah bansos insentif honorarium tunjangan gaji uang harian
penginapan transportasi akomodasi konsumsi kwitansi bukti pembayaran pertanggungjawaban spj spp spm
sp2d kas bendahara pengeluaran penerimaan pembantu rekening bank penyetoran pajak retribusi daerah
piutang utang neraca laporan operasional arus catatan atas laporan keuangan audit bpk bpkp inspektorat
kepatuhan akuntabilitas transparansi integritas reformasi birokrasi zona wilayah bebas korupsi
pelayanan prima survei kepuasan indeks maklumat pengaduan tanggapan saran masukan aspirasi warga
rukun tetangga warga dusun lingkungan gampong nagari kampung banjar padukuhan posyandu balita gizi
stunting imunisasi vaksinasi vaksin covid pandemi wabah demam berdarah malaria tuberkulosis sanitasi
jamban sehat air minum limbah sampah tempat pemrosesan akhir bank sampah penghijauan pohon hutan
kota taman ruang terbuka hijau drainase saluran irigasi bendungan embung sungai banjir longsor
kekeringan kebakaran angin puting beliung gempa bumi tsunami erupsi gunung tanggap darurat
pengungsi logistik posko relawan siaga rehabilitasi rekonstruksi mitigasi kesiapsiagaan risiko
peta kajian kontinjensi jalan kabupaten poros lingkar pemeliharaan rutin berkala peningkatan
pelebaran pengaspalan hotmix rabat beton jembatan gantung box culvert trotoar penerangan lampu
lalu lintas terminal angkutan parkir pengujian kendaraan bermotor dermaga pelabuhan bandara
perumahan permukiman rumah tidak layak huni bedah rumah kawasan kumuh sertifikat tanah pertanahan
pengadaan tanah ganti rugi konsinyasi appraisal tim penilai lelang tender seleksi penyedia kontrak
addendum surat perintah kerja spmk jaminan pelaksanaan uang muka termin serah terima pekerjaan
pengawas konsultan perencana pelaksana kontraktor rekanan swakelola katalog elektronik e-purchasing
lpse pokja ulp pejabat pembuat komitmen ppk pptk kpa pa pengguna kuasa barang milik inventaris
penghapusan pemanfaatan sewa pinjam pakai hibah barang kendaraan dinas roda empat dua mobil motor
bahan bakar minyak suku cadang servis perawatan alat tulis kantor komputer laptop printer proyektor
jaringan internet server pusat data keamanan siber sertifikat elektronik tanda tangan digital
aplikasi srikandi sipd simda siskeudes e-kinerja absensi presensi cuti tahunan sakit melahirkan
besar alasan penting izin belajar tugas belajar ujian dinas penyesuaian ijazah kenaikan pangkat
golongan ruang berkala mutasi rotasi promosi pelantikan sumpah janji jabatan struktural fungsional
pelaksana administrator pengawas tinggi pratama madya utama pensiun pemberhentian disiplin teguran
lisan tertulis penundaan penurunan pembebasan hukuman sanksi pembinaan pendidikan pelatihan diklat
bimbingan teknis bimtek sosialisasi workshop lokakarya seminar webinar sarasehan focus group
diskusi narasumber moderator peserta panitia susunan uraian honor narasumber konsumsi rapat
notulen notulensi risalah daftar hadir dokumentasi foto video siaran pers media massa cetak
online radio televisi baliho spanduk brosur leaflet buku profil kalender agenda tahunan
`
  .trim()
  .split(/\s+/);

/** Villages and sub-districts: each appears in few documents, like real place names. */
export const PLACES: readonly string[] = `
Sukamaju Sukajadi Mekarsari Sidomulyo Karanganyar Tanjungsari Sumberejo Margahayu Cibadak Wonosari
Purwodadi Sukoharjo Banjarsari Kedungwuni Pagerwojo Tegalrejo Sindangsari Jatimulya Harjosari Bumiayu
Gunungsari Sukorejo Mulyorejo Kertajaya Rejosari Sidorejo Tirtomoyo Ngadirejo Kalibening Pringsewu
Talangpadang Wayhalim Kotabumi Menggala Gedongtataan Natar Sribhawono Metro Kalianda Liwa Blambangan
Pematangsiantar Sidikalang Balige Tarutung Kabanjahe Tebingtinggi Rantauprapat Kisaran Lubukpakam
Sungailiat Mentok Toboali Koba Muntok Tanjungpandan Manggar Ketapang Sintang Sanggau Singkawang
Bengkayang Mempawah Ngabang Sekadau Nangapinoh Putussibau Kualakapuas Pangkalanbun Sampit Muaratewe
Buntok Tamiang Amuntai Barabai Kandangan Rantau Martapura Pelaihari Kotabaru Batulicin Tanjungredeb
Tenggarong Sangatta Bontang Penajam Tanahgrogot Malinau Nunukan Tarakan Mamuju Majene Polewali
Pinrang Sidrap Parepare Barru Pangkep Maros Sungguminasa Takalar Jeneponto Bantaeng Bulukumba
Sinjai Watampone Sengkang Watansoppeng Enrekang Makale Rantepao Palopo Masamba Malili Bau-Bau Raha
`
  .trim()
  .split(/\s+/);

export const FIRST_NAMES: readonly string[] = `
Ahmad Budi Siti Dewi Agus Sri Eko Rina Hendra Yulia Bambang Nurhayati Joko Wahyu Indah Rudi Fitri Made
Ketut Putu Andi Muhammad Dedi Retno Yusuf Aisyah Hasan Ratna Irwan Lestiani Taufik Wulan Fajar Nanik
Rahmat Sulastri Arif Endang Bayu Kartini Darmawan Sumarni Gede Nyoman Komang Wayan Yohanes Maria Petrus
`
  .trim()
  .split(/\s+/);

export const LAST_NAMES: readonly string[] = `
Santoso Wijaya Saputra Hidayat Kusuma Lestari Pratama Nugroho Rahayu Setiawan Susanto Siregar Nasution
Harahap Simanjuntak Sitompul Lubis Wibowo Gunawan Permana Suryadi Halim Tanjung Daulay Purba Manurung
Sinaga Pane Rangkuti Batubara Hutapea Sembiring Ginting Tarigan Karo Sitepu Kaban Bangun Sinulingga
Mahendra Kurniawan Firmansyah Ramadhan Syahputra Maulana Hakim Anwar Effendi Iskandar Kusnadi Sudirman
`
  .trim()
  .split(/\s+/);

export const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
export const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
