"""Seed the catalogs: 54 ethnic groups, the position titles, the qualification scales."""
from django.db import migrations

# (code, name, aliases) in the order of the General Statistics Office list.
ETHNIC_GROUPS = [
    (1, "Kinh", "Việt"), (2, "Tày", ""), (3, "Thái", ""), (4, "Mường", ""),
    (5, "Khmer", "Khơ-me, Khơ Me, Khơme"), (6, "Hoa", "Hán"), (7, "Nùng", ""),
    (8, "Mông", "H'Mông, HMông, Hmông, Mèo"), (9, "Dao", ""), (10, "Gia Rai", "Jrai, Gia-rai"),
    (11, "Ê Đê", "Êđê, Ê-đê, Rađê"), (12, "Ba Na", "Bana"), (13, "Sán Chay", "Cao Lan, Sán Chỉ"),
    (14, "Chăm", "Chàm"), (15, "Cơ Ho", "Cơ-ho, K'Ho, Kơ Ho"), (16, "Xơ Đăng", "Xơ-đăng"),
    (17, "Sán Dìu", ""), (18, "Hrê", "H're"), (19, "Ra Glai", "Raglai, Ra-glai"),
    (20, "Mnông", "M'Nông"), (21, "Thổ", ""), (22, "Xtiêng", "S'tiêng, X'tiêng"),
    (23, "Khơ Mú", "Khơmú, Khmú"), (24, "Bru - Vân Kiều", "Bru Vân Kiều, Vân Kiều, Bru"),
    (25, "Cơ Tu", "Ca Tu, Cơ-tu"), (26, "Giáy", ""), (27, "Tà Ôi", "Tà-ôi, Pa Cô"),
    (28, "Mạ", ""), (29, "Giẻ Triêng", "Giẻ-Triêng, Gié Triêng"), (30, "Co", ""),
    (31, "Chơ Ro", "Chơ-ro"), (32, "Xinh Mun", ""), (33, "Hà Nhì", ""), (34, "Chu Ru", "Chu-ru"),
    (35, "Lào", ""), (36, "La Chí", ""), (37, "Kháng", ""), (38, "Phù Lá", ""),
    (39, "La Hủ", ""), (40, "La Ha", ""), (41, "Pà Thẻn", "Pà Hưng"), (42, "Lự", ""),
    (43, "Ngái", ""), (44, "Chứt", ""), (45, "Lô Lô", ""), (46, "Mảng", ""),
    (47, "Cơ Lao", ""), (48, "Bố Y", ""), (49, "Cống", ""), (50, "Si La", ""),
    (51, "Pu Péo", ""), (52, "Rơ Măm", ""), (53, "Brâu", ""), (54, "Ơ Đu", ""),
]

# (code, name, category); the order is the catalog's display order.
POSITION_TITLES = [
    ("BT_DU", "Bí thư Đảng ủy xã", "CB_XA"),
    ("PBT_DU", "Phó Bí thư Đảng ủy xã", "CB_XA"),
    ("CT_HDND_XA", "Chủ tịch HĐND xã", "CB_XA"),
    ("PCT_HDND_XA", "Phó Chủ tịch HĐND xã", "CB_XA"),
    ("CT_UBND_XA", "Chủ tịch UBND xã", "CB_XA"),
    ("PCT_UBND_XA", "Phó Chủ tịch UBND xã", "CB_XA"),
    ("CT_MTTQ_XA", "Chủ tịch Ủy ban MTTQ Việt Nam xã", "CB_XA"),
    ("BT_DOAN_XA", "Bí thư Đoàn TNCS Hồ Chí Minh xã", "CB_XA"),
    ("CT_HLHPN_XA", "Chủ tịch Hội Liên hiệp Phụ nữ xã", "CB_XA"),
    ("CT_HND_XA", "Chủ tịch Hội Nông dân xã", "CB_XA"),
    ("CT_HCCB_XA", "Chủ tịch Hội Cựu chiến binh xã", "CB_XA"),
    ("CC_CHQS", "Chỉ huy trưởng Quân sự xã", "CC_XA"),
    ("CC_VPTK", "Công chức Văn phòng - Thống kê", "CC_XA"),
    ("CC_DC", "Công chức Địa chính - Xây dựng", "CC_XA"),
    ("CC_TCKT", "Công chức Tài chính - Kế toán", "CC_XA"),
    ("CC_TPHT", "Công chức Tư pháp - Hộ tịch", "CC_XA"),
    ("CC_VHXH", "Công chức Văn hóa - Xã hội", "CC_XA"),
    ("UV_BCH_XA", "Đảng ủy viên xã", "UY_VIEN_XA"),
    ("UV_BTV_XA", "Ủy viên Ban Thường vụ Đảng ủy xã", "UY_VIEN_XA"),
    ("UV_BCH_HU", "Huyện ủy viên", "UY_VIEN_HUYEN"),
    ("UV_BTV_HU", "Ủy viên Ban Thường vụ Huyện ủy", "UY_VIEN_HUYEN"),
    ("BT_HU", "Bí thư Huyện ủy", "HUYEN"),
    ("PBT_HU", "Phó Bí thư Huyện ủy", "HUYEN"),
    ("CT_HDND_HUYEN", "Chủ tịch HĐND huyện", "HUYEN"),
    ("PCT_HDND_HUYEN", "Phó Chủ tịch HĐND huyện", "HUYEN"),
    ("CT_UBND_HUYEN", "Chủ tịch UBND huyện", "HUYEN"),
    ("PCT_UBND_HUYEN", "Phó Chủ tịch UBND huyện", "HUYEN"),
    ("TRUONG_PHONG", "Trưởng phòng, ban, ngành huyện", "HUYEN"),
    ("PHO_PHONG", "Phó trưởng phòng, ban, ngành huyện", "HUYEN"),
    ("CONG_CHUC_HUYEN", "Công chức cấp huyện", "HUYEN"),
    ("VIEN_CHUC", "Viên chức", "HUYEN"),
]

# (code, name, is_ranked, [(level code, name, rank, aliases)])
QUALIFICATIONS = [
    ("PHO_THONG", "Giáo dục phổ thông", True, [
        ("9/12", "9/12 (Trung học cơ sở)", 1, "THCS"),
        ("12/12", "12/12 (Trung học phổ thông)", 2, "THPT"),
    ]),
    ("CHUYEN_MON", "Chuyên môn, nghiệp vụ", True, [
        ("SO_CAP", "Sơ cấp", 1, "Sơ cấp"),
        ("TRUNG_CAP", "Trung cấp", 2, "Trung cấp"),
        ("CAO_DANG", "Cao đẳng", 3, "Cao đẳng"),
        ("DAI_HOC", "Đại học", 4, "Đại học"),
        ("THAC_SI", "Thạc sĩ", 5, "Thạc sĩ, Thạc sỹ"),
        ("TIEN_SI", "Tiến sĩ", 6, "Tiến sĩ, Tiến sỹ"),
    ]),
    ("LY_LUAN", "Lý luận chính trị", True, [
        ("SO_CAP", "Sơ cấp", 1, "Sơ cấp"),
        ("TRUNG_CAP", "Trung cấp", 2, "Trung cấp"),
        ("CAO_CAP", "Cao cấp", 3, "Cao cấp"),
        ("CU_NHAN", "Cử nhân", 3, "Cử nhân"),
    ]),
    ("QLNN", "Quản lý nhà nước", True, [
        ("CHUYEN_VIEN", "Chuyên viên", 1, "Chuyên viên"),
        ("CHUYEN_VIEN_CHINH", "Chuyên viên chính", 2, "Chuyên viên chính"),
        ("CHUYEN_VIEN_CAO_CAP", "Chuyên viên cao cấp", 3, "Chuyên viên cao cấp"),
    ]),
    ("TIN_HOC", "Tin học", False, []),
    ("NGOAI_NGU", "Ngoại ngữ", False, []),
    ("BOI_DUONG_VTVL", "Bồi dưỡng theo vị trí việc làm", False, []),
]


def seed(apps, schema_editor):
    EthnicGroup = apps.get_model("cadre", "EthnicGroup")
    PositionTitle = apps.get_model("cadre", "PositionTitle")
    QualificationType = apps.get_model("cadre", "QualificationType")
    QualificationLevel = apps.get_model("cadre", "QualificationLevel")

    EthnicGroup.objects.bulk_create(
        EthnicGroup(code=code, name=name, aliases=aliases, is_minority=(name != "Kinh"))
        for code, name, aliases in ETHNIC_GROUPS
    )
    PositionTitle.objects.bulk_create(
        PositionTitle(code=code, name=name, category=category, sort_order=index)
        for index, (code, name, category) in enumerate(POSITION_TITLES, start=1)
    )
    for order, (code, name, is_ranked, levels) in enumerate(QUALIFICATIONS, start=1):
        qualification_type = QualificationType.objects.create(
            code=code, name=name, is_ranked=is_ranked, sort_order=order
        )
        QualificationLevel.objects.bulk_create(
            QualificationLevel(
                qualification_type=qualification_type, code=level, name=label, rank=rank, aliases=aliases
            )
            for level, label, rank, aliases in levels
        )


def unseed(apps, schema_editor):
    for model in ("QualificationLevel", "QualificationType", "PositionTitle", "EthnicGroup"):
        apps.get_model("cadre", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cadre", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
