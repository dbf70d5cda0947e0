"""Small exchange workbooks built in code for the import tests."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

ORGANIZATION_HEADERS = ["Mã", "Tên", "Loại", "Mã cấp trên", "Hình thức", "Ngày thành lập", "Ngày giải thể"]
OFFICIAL_HEADERS = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Quê quán", "Ngày vào Đảng"]
POSITION_HEADERS = ["Mã cán bộ", "Mã tổ chức", "Chức vụ", "Từ ngày", "Đến ngày"]


def district_a_workbook(path: Path, *, officials: list[list], positions: list[list]) -> Path:
    """ToChuc with district A's commune X1, CanBo and ChucVu as given."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ToChuc"
    sheet.append(ORGANIZATION_HEADERS)
    sheet.append(["LC.A.X1", "Xã X1 A", "XA", "LC.A", "DANG_BO", None, None])
    officials_sheet = workbook.create_sheet("CanBo")
    officials_sheet.append(OFFICIAL_HEADERS)
    for row in officials:
        officials_sheet.append(row)
    positions_sheet = workbook.create_sheet("ChucVu")
    positions_sheet.append(POSITION_HEADERS)
    for row in positions:
        positions_sheet.append(row)
    workbook.save(path)
    return path


def broken_workbook(path: Path) -> Path:
    """Two mistakes: a date that does not exist and an unknown title."""
    return district_a_workbook(
        path,
        officials=[["N100", "Lường Văn Sơn", "Nam", "31/02/1990", "Thái", None, None, None]],
        positions=[["N100", "LC.A.X1", "CHU_TICH_VU_TRU", "01/01/2020", None]],
    )


def corrected_workbook(path: Path) -> Path:
    return district_a_workbook(
        path,
        officials=[
            ["N100", "Lường Văn Sơn", "Nam", "28/02/1990", "Thái", None, None, None],
            ["N101", "Quàng Thị Én", "Nữ", "12/12/1992", "Thái", "012345678912", None, "03/02/2016"],
        ],
        positions=[
            ["N100", "LC.A.X1", "CT_UBND_XA", "01/01/2020", None],
            ["N101", "LC.A.X1", "BT_DOAN_XA", "15/03/2021", None],
        ],
    )
