"""Vietnamese names for the demo data: places, agencies, people.

The province is Lai Châu; its districts come first with their real communes.
Larger demo sets borrow district names from neighbouring mountain provinces
and compose commune names from common Thái and Mông place-name syllables.
"""
from __future__ import annotations

PROVINCE_NAME = "Lai Châu"
PROVINCE_CODE = "LC"
# First three digits of a CCCD: the province of birth registration.
PROVINCE_CCCD_PREFIX = "012"
# Provinces many Kinh officials of the northwest come from (CCCD prefix, name).
HOME_PROVINCES = [
    ("030", "tỉnh Hải Dương"), ("034", "tỉnh Thái Bình"), ("036", "tỉnh Nam Định"),
    ("038", "tỉnh Thanh Hóa"), ("040", "tỉnh Nghệ An"), ("025", "tỉnh Phú Thọ"),
    ("001", "thành phố Hà Nội"), ("035", "tỉnh Hà Nam"), ("037", "tỉnh Ninh Bình"),
    ("015", "tỉnh Yên Bái"), ("010", "tỉnh Lào Cai"), ("011", "tỉnh Điện Biên"),
]
HOME_COMMUNES = [
    "xã Thái Thịnh, huyện Kinh Môn", "xã Vũ Hội, huyện Vũ Thư", "xã Hải Anh, huyện Hải Hậu",
    "xã Hoằng Lộc, huyện Hoằng Hóa", "xã Diễn Kỷ, huyện Diễn Châu", "xã Sơn Vi, huyện Lâm Thao",
    "xã Đông Sơn, huyện Chương Mỹ", "xã Mộc Bắc, huyện Duy Tiên", "xã Gia Trấn, huyện Gia Viễn",
    "xã Văn Phú, huyện Văn Yên", "xã Gia Phú, huyện Bảo Thắng", "xã Thanh Nưa, huyện Điện Biên",
]

# District name -> real communes; the township (thị trấn) bears the district's name.
LAI_CHAU_DISTRICTS: list[tuple[str, list[str]]] = [
    ("Phong Thổ", [
        "Mường So", "Khổng Lào", "Hoang Thèn", "Bản Lang", "Dào San", "Sì Lở Lầu", "Mồ Sì San",
        "Pa Vây Sử", "Vàng Ma Chải", "Tông Qua Lìn", "Mù Sang", "Ma Li Pho", "Nậm Xe",
        "Sin Suối Hồ", "Huổi Luông", "Lản Nhì Thàng",
    ]),
    ("Tam Đường", [
        "Bản Bo", "Bản Giang", "Bản Hon", "Bình Lư", "Giang Ma", "Hồ Thầu", "Khun Há", "Nà Tăm",
        "Nùng Nàng", "Sơn Bình", "Sùng Phài", "Tả Lèng", "Thèn Sin",
    ]),
    ("Sìn Hồ", [
        "Căn Co", "Chăn Nưa", "Hồng Thu", "Làng Mô", "Ma Quai", "Nậm Cha", "Nậm Cuổi", "Nậm Hăn",
        "Nậm Mạ", "Nậm Tăm", "Noong Hẻo", "Pa Tần", "Phăng Sô Lin", "Phìn Hồ", "Pu Sam Cáp",
        "Tả Ngảo", "Tả Phìn", "Tủa Sín Chải",
    ]),
    ("Mường Tè", [
        "Bum Nưa", "Bum Tở", "Ka Lăng", "Kan Hồ", "Mù Cả", "Mường Tè", "Nậm Khao", "Pa Ủ",
        "Pa Vệ Sử", "Tá Bạ", "Tà Tổng", "Thu Lũm", "Vàng San",
    ]),
    ("Nậm Nhùn", [
        "Hua Bum", "Lê Lợi", "Mường Mô", "Nậm Ban", "Nậm Chà", "Nậm Hàng", "Nậm Manh", "Nậm Pì",
        "Pú Đao", "Trung Chải",
    ]),
    ("Tân Uyên", [
        "Hố Mít", "Mường Khoa", "Nậm Cần", "Nậm Sỏ", "Pắc Ta", "Phúc Khoa", "Tà Mít",
        "Thân Thuộc", "Trung Đồng",
    ]),
    ("Than Uyên", [
        "Hua Nà", "Khoen On", "Mường Cang", "Mường Kim", "Mường Mít", "Mường Than", "Pha Mu",
        "Phúc Than", "Ta Gia", "Tà Hừa", "Tà Mung",
    ]),
]

# Names of mountain districts elsewhere in the northwest, for large demo sets.
BORROWED_DISTRICTS = [
    "Mường Nhé", "Mường Chà", "Tủa Chùa", "Tuần Giáo", "Điện Biên Đông", "Mường Ảng", "Nậm Pồ",
    "Quỳnh Nhai", "Thuận Châu", "Mường La", "Bắc Yên", "Phù Yên", "Mộc Châu", "Yên Châu",
    "Mai Sơn", "Sông Mã", "Sốp Cộp", "Vân Hồ", "Bát Xát", "Mường Khương", "Si Ma Cai", "Bắc Hà",
    "Bảo Thắng", "Bảo Yên", "Văn Bàn", "Đồng Văn", "Mèo Vạc", "Yên Minh", "Quản Bạ", "Vị Xuyên",
    "Bắc Mê", "Hoàng Su Phì", "Xín Mần", "Bắc Quang", "Quang Bình", "Lục Yên", "Văn Yên",
    "Mù Cang Chải", "Trấn Yên", "Trạm Tấu", "Văn Chấn", "Yên Bình", "Bảo Lạc", "Bảo Lâm",
    "Hà Quảng", "Trùng Khánh", "Nguyên Bình", "Thạch An", "Hạ Lang", "Quảng Hòa", "Đà Bắc",
    "Mai Châu", "Tân Lạc", "Lạc Sơn", "Kim Bôi",
]

PLACE_FIRST = [
    "Nậm", "Mường", "Huổi", "Pa", "Bản", "Sìn", "Tà", "Phìn", "Chiềng", "Nà", "Khun", "Lả", "Pú",
    "Co", "Phiêng", "Tủa", "Sín", "Sà", "Lao", "Hồ", "Tả", "Noong", "Hua", "Xà", "Lùng", "Khau",
]
PLACE_SECOND = [
    "Chải", "Hồ", "Cuổi", "Mô", "Xe", "Lầu", "Lìn", "Luông", "Khoa", "Pạc", "Lếch", "Nưa", "Tở",
    "Pồ", "Bon", "Ban", "Mạ", "Hăn", "Cang", "On", "Sảng", "Phìn", "Thàng", "Tiên", "Lư", "Thèn",
    "Bo", "Giang", "Hon", "Củng", "Pao", "Lằn", "Phát", "Mu", "Giàng", "Ma", "Tra", "Vây", "Cài",
    "Khum", "Sang", "Pó", "Nọi", "Kham", "Mòn", "Dề", "Chăn", "Tòng",
]

# Hamlets (bản) and residential groups (tổ dân phố) have party cells.
HAMLET_FIRST = [
    "Nà", "Pá", "Huổi", "Nậm", "Co", "Phiêng", "Hua", "Tà", "Sàng", "Xà", "Lùng", "Khau", "Cốc",
    "Pa", "Sì", "Chin", "Tùng", "Séo", "Lao", "Phìn", "Thèn", "Hồ", "San",
]
HAMLET_SECOND = [
    "Củng", "Pao", "Luông", "Lằn", "Cuổi", "Phát", "Mu", "Phìn", "Chải", "Giàng", "Ma", "Hồ",
    "Sảng", "Tra", "Xe", "Vây", "Lếch", "Cài", "Mạ", "Khum", "Mòn", "Tỉn", "Nọi", "Pó", "Hăn",
    "Ngài", "Chồ", "Dền", "Chảng", "Pheo", "Lìn", "Tẩu",
]

# Party cells of a commune's agencies and schools (chi bộ ngành trực thuộc đảng bộ xã).
COMMUNE_AGENCY_CELLS = [
    "Chi bộ Trường Tiểu học {commune}", "Chi bộ Trường THCS {commune}",
    "Chi bộ Trường Mầm non {commune}", "Chi bộ Trạm Y tế {commune}", "Chi bộ Quân sự {commune}",
    "Chi bộ Công an {commune}",
]


class AgencySpec:
    """A district agency: its name, party form, staff weights and committee seats."""

    __slots__ = (
        "key", "name", "form", "civil_servants", "public_employees", "deputies",
        "in_committee", "in_standing_committee", "cells", "female_head", "merged_from",
        "founded", "min_budget", "category",
    )

    def __init__(self, key, name, *, form="CHI_BO_CO_SO", civil_servants=0, public_employees=0,
                 deputies=(1, 2), in_committee=False, in_standing_committee=False, cells=(),
                 female_head=False, merged_from=(), founded=None, min_budget=0, category=""):
        self.key = key
        self.name = name
        self.form = form
        self.civil_servants = civil_servants
        self.public_employees = public_employees
        self.deputies = deputies
        self.in_committee = in_committee
        self.in_standing_committee = in_standing_committee
        self.cells = cells
        self.female_head = female_head
        # (key, name) of units that ceased on `founded` and merged into this one.
        self.merged_from = merged_from
        self.founded = founded
        # Smaller districts leave out agencies that need a larger budget.
        self.min_budget = min_budget
        # The agency's group (Nhóm, OrganizationCategory): "" for the police and the army, which have none.
        self.category = category


# "{d}" is the district name. Order: the agencies every district has come first.
AGENCIES = [
    AgencySpec("VPHU", "Văn phòng Huyện ủy {d}", civil_servants=8, deputies=(1, 2), in_committee=True,
               category="DANG"),
    AgencySpec("BTC", "Ban Tổ chức Huyện ủy {d}", civil_servants=6, deputies=(2, 2),
               in_committee=True, in_standing_committee=True, category="DANG"),
    AgencySpec("UBKT", "Ủy ban Kiểm tra Huyện ủy {d}", civil_servants=6, deputies=(2, 2),
               in_committee=True, in_standing_committee=True, category="DANG"),
    AgencySpec("BTG", "Ban Tuyên giáo Huyện ủy {d}", civil_servants=5, deputies=(1, 2),
               in_committee=True, in_standing_committee=True, category="DANG"),
    AgencySpec("BDV", "Ban Dân vận Huyện ủy {d}", civil_servants=4, deputies=(1, 1),
               in_committee=True, in_standing_committee=True, category="DANG"),
    AgencySpec("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện {d}", civil_servants=5,
               deputies=(2, 2), in_committee=True, in_standing_committee=True, category="MTTQ_DOAN_THE"),
    AgencySpec("VPUB", "Văn phòng HĐND và UBND huyện {d}", civil_servants=12, deputies=(2, 3),
               in_committee=True, category="NHA_NUOC"),
    AgencySpec("PNV", "Phòng Nội vụ huyện {d}", civil_servants=7, deputies=(1, 2), in_committee=True,
               category="NHA_NUOC"),
    AgencySpec("PTCKH", "Phòng Tài chính - Kế hoạch huyện {d}", civil_servants=8, deputies=(2, 2),
               in_committee=True, category="NHA_NUOC"),
    AgencySpec("PNN", "Phòng Nông nghiệp và Phát triển nông thôn huyện {d}", civil_servants=7,
               deputies=(1, 2), in_committee=True, category="NHA_NUOC"),
    AgencySpec("PGDDT", "Phòng Giáo dục và Đào tạo huyện {d}", form="DANG_BO", civil_servants=10,
               public_employees=320, deputies=(2, 3), in_committee=True,
               cells=("Chi bộ Trường THPT {d}", "Chi bộ Trường PTDTNT THCS {d}",
                      "Chi bộ Trường Tiểu học thị trấn {d}", "Chi bộ Trường Mầm non Hoa Ban",
                      "Chi bộ Trường THCS thị trấn {d}", "Chi bộ Cơ quan Phòng Giáo dục và Đào tạo"),
               category="SU_NGHIEP_GD"),  # the demo's education sector: its public employees are the teachers
    AgencySpec("TTYT", "Trung tâm Y tế huyện {d}", form="DANG_BO", public_employees=130,
               deputies=(2, 3), in_committee=True,
               cells=("Chi bộ Khối Điều trị", "Chi bộ Khối Dự phòng", "Chi bộ Khối Hành chính",
                      "Chi bộ Phòng khám đa khoa khu vực"), category="SU_NGHIEP_KHAC"),
    AgencySpec("CA", "Công an huyện {d}", form="DANG_BO", deputies=(3, 3), in_committee=True,
               in_standing_committee=True,
               cells=("Chi bộ Đội An ninh", "Chi bộ Đội Cảnh sát hình sự", "Chi bộ Tham mưu - Tổng hợp")),
    AgencySpec("QS", "Ban Chỉ huy Quân sự huyện {d}", form="DANG_BO", deputies=(2, 2),
               in_committee=True, in_standing_committee=True,
               cells=("Chi bộ Cơ quan Quân sự", "Chi bộ Hậu cần - Kỹ thuật")),
    AgencySpec("HDOAN", "Huyện đoàn {d}", civil_servants=4, deputies=(1, 2), in_committee=True,
               category="MTTQ_DOAN_THE"),
    AgencySpec("HLHPN", "Hội Liên hiệp Phụ nữ huyện {d}", civil_servants=4, deputies=(1, 2),
               in_committee=True, female_head=True, category="MTTQ_DOAN_THE"),
    AgencySpec("HND", "Hội Nông dân huyện {d}", civil_servants=4, deputies=(1, 1), in_committee=True,
               category="MTTQ_DOAN_THE"),
    AgencySpec("PTNMT", "Phòng Tài nguyên và Môi trường huyện {d}", civil_servants=7, deputies=(1, 2),
               category="NHA_NUOC"),
    AgencySpec("PKTHT", "Phòng Kinh tế - Hạ tầng huyện {d}", civil_servants=7, deputies=(1, 2),
               category="NHA_NUOC"),
    AgencySpec("PLDTBXH", "Phòng Lao động - Thương binh và Xã hội huyện {d}", civil_servants=6,
               deputies=(1, 2), category="NHA_NUOC"),
    AgencySpec("TTR", "Thanh tra huyện {d}", civil_servants=5, deputies=(1, 2), category="NHA_NUOC"),
    AgencySpec("PTP", "Phòng Tư pháp huyện {d}", civil_servants=3, deputies=(1, 1), category="NHA_NUOC"),
    AgencySpec("PVHTT", "Phòng Văn hóa và Thông tin huyện {d}", civil_servants=4, deputies=(1, 1), category="NHA_NUOC"),
    AgencySpec("PDT", "Phòng Dân tộc huyện {d}", civil_servants=4, deputies=(1, 1), category="NHA_NUOC"),
    AgencySpec("PYT", "Phòng Y tế huyện {d}", civil_servants=3, deputies=(1, 1), min_budget=600, category="NHA_NUOC"),
    AgencySpec("HCCB", "Hội Cựu chiến binh huyện {d}", civil_servants=3, deputies=(1, 1),
               min_budget=600, category="MTTQ_DOAN_THE"),
    AgencySpec("TTCT", "Trung tâm Chính trị huyện {d}", public_employees=6, deputies=(1, 1),
               min_budget=700, category="DANG"),
    AgencySpec("TTVH", "Trung tâm Văn hóa - Thể thao và Truyền thông huyện {d}",
               public_employees=22, deputies=(2, 2), min_budget=900,
               merged_from=(("TTVHTT", "Trung tâm Văn hóa - Thể thao huyện {d}"),
                            ("DTTTH", "Đài Truyền thanh - Truyền hình huyện {d}")),
               founded=(2019, 10, 1), category="SU_NGHIEP_KHAC"),
    AgencySpec("TTGDNN", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện {d}",
               public_employees=28, deputies=(1, 2), min_budget=1200, category="SU_NGHIEP_KHAC"),
    AgencySpec("BQLDA", "Ban Quản lý dự án đầu tư xây dựng huyện {d}", public_employees=16,
               deputies=(1, 2), min_budget=1500, category="SU_NGHIEP_KHAC"),
    AgencySpec("TTDVNN", "Trung tâm Dịch vụ nông nghiệp huyện {d}", public_employees=16,
               deputies=(1, 2), min_budget=1500, category="SU_NGHIEP_KHAC"),
]

# --- people ----------------------------------------------------------------

# Share of each ethnic group among commune and district officials of the province.
ETHNIC_WEIGHTS_COMMUNE = [
    ("Kinh", 14), ("Thái", 26), ("Mông", 30), ("Dao", 12), ("Hà Nhì", 5), ("Giáy", 5),
    ("Lự", 3), ("Khơ Mú", 2), ("Tày", 1), ("La Hủ", 1), ("Mảng", 1),
]
ETHNIC_WEIGHTS_DISTRICT = [
    ("Kinh", 46), ("Thái", 22), ("Mông", 13), ("Dao", 7), ("Giáy", 4), ("Hà Nhì", 3),
    ("Lự", 2), ("Tày", 2), ("Khơ Mú", 1), ("Mường", 1), ("Nùng", 1),
]

KINH_FAMILY = [
    ("Nguyễn", 30), ("Trần", 10), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Vũ", 4), ("Đỗ", 3),
    ("Bùi", 3), ("Đặng", 2), ("Ngô", 2), ("Dương", 2), ("Đinh", 2), ("Hà", 2), ("Phan", 2),
    ("Lý", 1), ("Lương", 1), ("Trịnh", 1), ("Đào", 1), ("Mai", 1), ("Tạ", 1), ("Lưu", 1),
    ("Cao", 1), ("Đoàn", 1), ("Tô", 1), ("Vương", 1),
]
KINH_MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Mạnh",
                    "Tiến", "Công", "Ngọc", "Trung", "Duy", "Thế", "Đình", "Anh"]
KINH_MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Thúy", "Hồng",
                      "Phương", "Kim", "Bích", "Hải", "Diệu"]
KINH_GIVEN_MALE = [
    "Hùng", "Dũng", "Tuấn", "Cường", "Hải", "Nam", "Long", "Sơn", "Thắng", "Trung", "Hiếu", "Đức",
    "Phong", "Quân", "Bình", "Tùng", "Thành", "Huy", "Khánh", "Việt", "Toàn", "Lâm", "Kiên",
    "Hưng", "Tâm", "Tú", "Vinh", "Quang", "Thái", "Chiến", "Lợi", "Thịnh", "Hòa", "Đạt", "Phúc",
    "Trường", "Hậu", "Minh", "An", "Dương", "Giang", "Hoàng", "Mạnh", "Thuận", "Tiến", "Hanh",
]
KINH_GIVEN_FEMALE = [
    "Hương", "Lan", "Hoa", "Mai", "Hằng", "Thủy", "Nga", "Hà", "Linh", "Trang", "Huyền", "Ngọc",
    "Yến", "Thảo", "Phương", "Dung", "Hạnh", "Nhung", "Loan", "Oanh", "Thu", "Vân", "Liên",
    "Hiền", "Nhàn", "Tuyết", "Quỳnh", "Ánh", "Duyên", "Giang", "Hồng", "Nguyệt", "Lý", "Chinh",
]

THAI_GIVEN_MALE = [
    "Pánh", "Ún", "Xuân", "Thanh", "Sơn", "Hải", "Tiến", "Chính", "Inh", "Khặm", "Ngoan", "Bun",
    "Xôm", "Hoan", "Dũng", "Pắng", "Tuấn", "Thoan", "Thiêm", "Doãn", "Ngân", "Phóng", "Minh",
    "Quyết", "Lả", "Phanh", "Hom", "Khăm", "Xương", "Phiên", "Thắng", "Kiên",
]
THAI_GIVEN_FEMALE = [
    "Ỏn", "Pọm", "Xuân", "Hoa", "Lả", "Phương", "Ánh", "Ngọc", "Thoa", "Mai", "Lan", "Dung",
    "Xiêm", "Ín", "Nga", "Hương", "Yến", "Thảo", "Vui", "Ọnh", "Bình", "Khiêm", "Tiên",
]
MONG_GIVEN_MALE = [
    "Páo", "Sử", "Chứ", "Dơ", "Lử", "Pó", "Sình", "Tủa", "Giống", "Vảng", "Cở", "Sang", "Chư",
    "Phừ", "Lềnh", "Dình", "Súa", "Tủng", "Chinh", "Pao", "Nhà", "Dế", "Lồng", "Dua", "Chá",
    "Hờ", "Mua", "Tráng", "Thề", "Khua",
]
MONG_GIVEN_FEMALE = [
    "Mai", "Dợ", "Mỷ", "Sông", "Chi", "Ly", "Dính", "Say", "Máy", "Mo", "Pàng", "Dung", "Sua",
    "Lan", "Hoa", "Chá", "Pà", "Sính", "Xi", "Cở",
]
DAO_GIVEN_MALE = [
    "Lở", "Sử", "Kiều", "Quẩy", "Chàn", "Phù", "Chiều", "Sinh", "Tả", "Vần", "Thành", "Lìn",
    "Chài", "Dền", "Kháy", "Phin", "Tiến", "Quyết", "Dào", "Chuẩn",
]
DAO_GIVEN_FEMALE = ["Mẩy", "Dính", "Lở", "Xiêm", "Chiêu", "Nái", "Chài", "Dung", "Lan", "Phin",
                    "Sành", "Kiều"]
HA_NHI_GIVEN_MALE = ["Chà", "Chừ", "Xá", "Phê", "Gió", "Hà", "Xè", "Phì", "Lù", "Dơ", "Pà",
                     "Mò", "Sừ", "Chè", "Chú"]
HA_NHI_GIVEN_FEMALE = ["Xá", "Chè", "Me", "Gió", "Hờ", "Lù", "Phì", "Pà", "Dơ", "Chừ"]

# Ethnic group -> (family names with weights, middle names male, middle names female,
# given names male, given names female).
NAME_STYLES: dict[str, tuple] = {
    "Kinh": (KINH_FAMILY, KINH_MIDDLE_MALE, KINH_MIDDLE_FEMALE, KINH_GIVEN_MALE, KINH_GIVEN_FEMALE),
    "Thái": (
        [("Lò", 8), ("Lường", 4), ("Tòng", 3), ("Quàng", 3), ("Cầm", 3), ("Vì", 2), ("Điêu", 2),
         ("Lù", 2), ("Hoàng", 2), ("Bạc", 1), ("Mè", 1), ("Khoàng", 1)],
        ["Văn"], ["Thị"], THAI_GIVEN_MALE, THAI_GIVEN_FEMALE,
    ),
    "Mông": (
        [("Giàng", 6), ("Vàng", 5), ("Thào", 5), ("Sùng", 4), ("Lầu", 3), ("Mùa", 3), ("Lý", 3),
         ("Hầu", 2), ("Vừ", 2), ("Tráng", 2), ("Hạng", 2), ("Chá", 1), ("Cứ", 1), ("Phàng", 1),
         ("Ly", 1)],
        ["A", "A", "A", "Seo", "Văn", "Chứ", "Mí"], ["Thị", "Thị", "Thị", "Thị", "Mỷ"],
        MONG_GIVEN_MALE, MONG_GIVEN_FEMALE,
    ),
    "Dao": (
        [("Tẩn", 4), ("Phùng", 4), ("Chảo", 4), ("Lý", 3), ("Đặng", 2), ("Triệu", 2), ("Bàn", 2),
         ("Sần", 1)],
        ["Láo", "Văn", "Văn", "A", "Seo"], ["Thị", "Thị", "Mý", "Thị"], DAO_GIVEN_MALE, DAO_GIVEN_FEMALE,
    ),
    "Hà Nhì": (
        [("Lỳ", 4), ("Chu", 3), ("Pờ", 3), ("Sừ", 2), ("Phu", 1), ("Ly", 1), ("Chang", 1), ("Hù", 1)],
        ["Giờ", "Xá", "Là", "A", "Văn"], ["Mé", "Thị", "Me"], HA_NHI_GIVEN_MALE, HA_NHI_GIVEN_FEMALE,
    ),
    "Giáy": (
        [("Hoàng", 3), ("Lò", 3), ("Vương", 2), ("Lù", 2), ("Sầm", 1), ("Lồ", 1), ("Lư", 1), ("Thèn", 1)],
        ["Văn"], ["Thị"], KINH_GIVEN_MALE + THAI_GIVEN_MALE, KINH_GIVEN_FEMALE,
    ),
    "Lự": (
        [("Lò", 3), ("Tao", 3), ("Vàng", 1), ("Lưu", 1), ("Chìu", 1), ("Đao", 1)],
        ["Văn"], ["Thị"], THAI_GIVEN_MALE, THAI_GIVEN_FEMALE,
    ),
    "Khơ Mú": (
        [("Lò", 3), ("Vì", 2), ("Quàng", 2), ("Lường", 1), ("Cà", 1)],
        ["Văn"], ["Thị"], THAI_GIVEN_MALE, THAI_GIVEN_FEMALE,
    ),
    "Tày": (
        [("Hoàng", 3), ("Nông", 3), ("Ma", 2), ("Hà", 2), ("Vi", 1), ("Lục", 1)],
        ["Văn", "Đức"], ["Thị"], KINH_GIVEN_MALE, KINH_GIVEN_FEMALE,
    ),
    "La Hủ": (
        [("Lò", 3), ("Chang", 2), ("Pờ", 2), ("Phàn", 1)],
        ["Văn", "Là", "A"], ["Thị"], HA_NHI_GIVEN_MALE, HA_NHI_GIVEN_FEMALE,
    ),
    "Mảng": (
        [("Lò", 3), ("Chìn", 2), ("Lìn", 1)],
        ["Văn"], ["Thị"], THAI_GIVEN_MALE, THAI_GIVEN_FEMALE,
    ),
    "Mường": (
        [("Bùi", 4), ("Đinh", 3), ("Quách", 2), ("Hà", 2), ("Xa", 1)],
        ["Văn", "Công"], ["Thị"], KINH_GIVEN_MALE, KINH_GIVEN_FEMALE,
    ),
    "Nùng": (
        [("Nông", 3), ("Hoàng", 2), ("Lương", 2), ("Chu", 1), ("Lục", 1)],
        ["Văn"], ["Thị"], KINH_GIVEN_MALE, KINH_GIVEN_FEMALE,
    ),
}

# Majors of professional degrees, by the kind of work.
MAJORS = {
    "party": ["Xây dựng Đảng và chính quyền nhà nước", "Chính trị học", "Luật", "Quản lý nhà nước",
              "Hành chính học", "Kinh tế chính trị"],
    "economy": ["Kinh tế nông nghiệp", "Kế toán", "Tài chính - Ngân hàng", "Quản trị kinh doanh",
                "Kinh tế đầu tư", "Quản lý đất đai", "Nông học", "Lâm sinh", "Chăn nuôi thú y",
                "Kỹ thuật xây dựng", "Khoa học môi trường"],
    "society": ["Luật", "Văn hóa học", "Công tác xã hội", "Quản lý văn hóa", "Việt Nam học",
                "Quản lý giáo dục"],
    "military": ["Chỉ huy tham mưu quân sự cơ sở", "Quân sự cơ sở"],
    "teaching": ["Sư phạm Tiểu học", "Sư phạm Toán", "Sư phạm Ngữ văn", "Giáo dục Mầm non",
                 "Sư phạm Tiếng Anh", "Sư phạm Lịch sử", "Sư phạm Hóa học"],
    "health": ["Y đa khoa", "Điều dưỡng", "Dược", "Y học dự phòng", "Hộ sinh", "Y sĩ đa khoa"],
    "culture": ["Quản lý văn hóa", "Báo chí", "Thông tin - Thư viện", "Huấn luyện thể thao"],
}

IT_CERTIFICATES_OLD = ["Chứng chỉ tin học trình độ A", "Chứng chỉ tin học trình độ B"]
IT_CERTIFICATES_NEW = ["Chứng chỉ ứng dụng công nghệ thông tin cơ bản",
                       "Chứng chỉ ứng dụng công nghệ thông tin cơ bản",
                       "Chứng chỉ ứng dụng công nghệ thông tin nâng cao"]
LANGUAGE_CERTIFICATES_OLD = ["Tiếng Anh trình độ A", "Tiếng Anh trình độ B",
                             "Tiếng Trung Quốc trình độ A"]
LANGUAGE_CERTIFICATES_NEW = ["Tiếng Anh bậc 1 (A1)", "Tiếng Anh bậc 2 (A2)", "Tiếng Anh bậc 2 (A2)",
                             "Tiếng Anh bậc 3 (B1)", "Chứng chỉ tiếng dân tộc Mông",
                             "Chứng chỉ tiếng dân tộc Thái"]

REWARD_NOTES = [
    "Giấy khen của Chủ tịch UBND huyện",
    "Giấy khen của Ban Thường vụ Huyện ủy",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Giấy khen của Ban Chấp hành Đảng bộ huyện",
]
DISCIPLINE_NOTES = ["Khiển trách", "Khiển trách", "Cảnh cáo"]
OUTSIDE_DESTINATIONS = [
    "Sở Nội vụ tỉnh Lai Châu", "Ban Tổ chức Tỉnh ủy Lai Châu", "Văn phòng UBND tỉnh Lai Châu",
    "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lai Châu", "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
    "Ủy ban Kiểm tra Tỉnh ủy Lai Châu", "Sở Tài chính tỉnh Lai Châu",
]
SCHOOLS = {
    "political_basic": "Trung tâm Chính trị huyện",
    "political_middle": "Trường Chính trị tỉnh Lai Châu",
    "political_high": "Học viện Chính trị quốc gia Hồ Chí Minh",
    "university": "Trường Đại học Tây Bắc",
    "master": "Học viện Hành chính Quốc gia",
}
