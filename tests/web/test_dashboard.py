"""The dashboard: the current plan's targets against the figures, and the composition of a population."""
import json

from django.urls import reverse

from planning.services import plan_import

URL = reverse("dashboard")


def make_plan(organization="LC", code="01-ĐA/HU", issued_on="2021-01-15"):
    return plan_import(data={
        "code": code,
        "title": "Đề án xây dựng đội ngũ cán bộ cấp xã",
        "organization": organization,
        "issued_on": issued_on,
        "tables": [{
            "number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": "CB_XA",
            "rows": [
                {"label": "Trình độ chuyên môn Đại học trở lên", "indicator": "CM_DAI_HOC",
                 "targets": [{"year": 2025, "value": 50}, {"year": 2030, "value": 100}]},
                {"label": "Cán bộ nữ", "indicator": "NU", "targets": [{"year": 2030, "min": 20, "max": 30}]},
            ],
        }],
    }).plan


def test_without_a_plan_the_dashboard_says_so_and_still_shows_the_composition(staff_client, people):
    response = staff_client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chưa có nghị quyết, đề án nào" in body
    assert response.context["composition"].total == 1


def test_the_plan_of_an_upper_organization_is_used_with_current_and_baseline_figures(staff_client, people):
    make_plan()
    response = staff_client.get(URL, {"ngay": "01/06/2024", "nam_muc_tieu": 2030})
    report = response.context["report"]
    assert report.plan == "01-ĐA/HU" and report.organization == "LC.A"
    rows = {row.indicator: row for row in report.tables[0].rows}
    # Baseline 31/12/2020: Đức (Bí thư X1) and Mai (Chủ tịch UBND X2 until that day); now Đức alone.
    assert (rows["TONG_SO"].current.count, rows["TONG_SO"].baseline.count) == (1, 2)
    assert (rows["CM_DAI_HOC"].current.count, rows["CM_DAI_HOC"].current.total) == (1, 1)
    assert rows["CM_DAI_HOC"].status == "dat"
    assert rows["NU"].status == "chua_dat"
    body = response.content.decode()
    assert "100,00%" in body and "20,00% - 30,00%" in body
    assert '<span class="status status-chua_dat">Chưa đạt</span>' in body


def test_the_chart_data_holds_current_baseline_and_target_per_row(staff_client, people):
    make_plan()
    response = staff_client.get(URL, {"ngay": "01/06/2024", "nam_muc_tieu": 2030})
    data = json.loads(response.context["chart_data"] and json.dumps(response.context["chart_data"]))
    table = data["tables"][0]
    assert table["labels"] == ["Trình độ chuyên môn Đại học trở lên", "Cán bộ nữ"]
    assert table["current"] == [100.0, 0.0]
    assert table["target"] == [100.0, 20.0]
    assert table["target_max"] == [None, 30.0]
    assert 'id="chart-data"' in response.content.decode()


def test_the_latest_plan_comes_first_and_another_can_be_chosen(staff_client, people):
    older = make_plan(code="01-NQ/HU", issued_on="2020-10-01")
    make_plan(code="02-ĐA/HU", organization="LC.A", issued_on="2022-03-01")
    assert staff_client.get(URL).context["plan"].code == "02-ĐA/HU"
    assert staff_client.get(URL, {"ke_hoach": older.pk}).context["plan"].code == "01-NQ/HU"


def test_a_plan_of_another_district_is_not_offered(staff_client, people):
    make_plan(code="09-ĐA/HU", organization="LC.B")
    assert staff_client.get(URL).context["plans"] == []


def test_the_composition_counts_age_bands_gender_ethnicity_and_levels(staff_client, people):
    response = staff_client.get(URL, {"doi_tuong": "CB_XA", "ngay": "01/06/2016"})
    mix = response.context["composition"]
    # On 01/06/2016: Đức (PCT UBND X2) and Mai (CT UBND X2), both born 01/01/1980.
    assert mix.total == 2
    assert dict(mix.age_bands)["Từ 30 đến 39 tuổi"] == 2
    assert dict(mix.genders) == {"Nam": 1, "Nữ": 1}
    assert dict(mix.ethnic_groups) == {"Kinh": 1, "Mông": 1}
    assert mix.minority == 1
    assert dict(mix.professional_levels)["Đại học"] == 1
    assert dict(mix.professional_levels)["Chưa qua đào tạo"] == 1


def test_an_organization_outside_the_scope_answers_404(staff_client, people, tree):
    assert staff_client.get(URL, {"to_chuc": tree["LC.B"].pk}).status_code == 404


def test_a_wrong_date_is_explained(staff_client, people):
    response = staff_client.get(URL, {"ngay": "32/13/2024"})
    assert "Ngày không tồn tại" in response.content.decode() or "không đúng định dạng" in response.content.decode()


def test_the_dashboard_links_to_the_same_report_on_the_report_page(staff_client, people):
    make_plan()
    response = staff_client.get(URL, {"ngay": "01/06/2024", "nam_muc_tieu": 2030})
    query = response.context["report_query"]
    assert "org=LC.A" in query and "as_of=01%2F06%2F2024" in query and "target_year=2030" in query
    report_page = staff_client.get(reverse("reports:report") + "?" + query)
    assert report_page.status_code == 200
    assert report_page.context["report"].organization == "LC.A"


def test_a_dissolved_district_opens_on_its_last_day(staff_client, people, tree):
    """A district dissolved on 1/7/2025 has no figures today: its dashboard opens on 30/6/2025."""
    import datetime as dt

    make_plan()
    district = tree["LC.A"]
    district.ceased_on = dt.date(2025, 7, 1)
    district.save()
    response = staff_client.get(URL)
    assert response.context["on"] == dt.date(2025, 6, 30)
    assert response.context["report"].as_of == dt.date(2025, 6, 30)
    assert "không tồn tại vào ngày báo cáo" not in response.content.decode()
