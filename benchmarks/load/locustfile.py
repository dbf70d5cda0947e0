"""The load test (issue 13): staff and reviewers working through the pages of a province, with think time.

Started by benchmarks/load/run_load_test.sh, which writes targets.json (what to ask for: organization
codes, a plan, official ids per user) from the database before the run. Each simulated user logs in as
one demo account, then repeats a day's mix: the list, a search, a profile, the tree, the dashboard, a
report and (reviewers, provincial staff) the comparison. Think time 10 s by default (THINK_SECONDS).
"""
from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

TARGETS = json.loads(Path(os.environ.get("LOAD_TARGETS", Path(__file__).with_name("targets.json"))).read_text())
THINK = float(os.environ.get("THINK_SECONDS", "10"))
PASSWORD = os.environ.get("LOAD_PASSWORD", "demo-2026")
SEARCHES = ["nguyen van", "tran thi", "le", "hoang", "pham minh", "vu"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Person(HttpUser):
    abstract = True
    wait_time = between(THINK * 0.5, THINK * 1.5)
    account = ""

    def on_start(self):
        self.target = TARGETS["users"][self.account]
        page = self.client.get("/dang-nhap/", name="đăng nhập (trang)")
        token = CSRF.search(page.text).group(1)
        answer = self.client.post("/dang-nhap/", {"username": self.account, "password": PASSWORD,
                                                  "csrfmiddlewaretoken": token},
                                  headers={"Referer": self.client.base_url + "/dang-nhap/"}, name="đăng nhập")
        if "/dang-nhap/" in answer.url:
            raise RuntimeError(f"login of {self.account} failed")

    def report_query(self) -> str:
        report = TARGETS["report"]
        return (f"org={self.target['organization']}&plan={report['plan']}&as_of={report['as_of']}"
                f"&baseline={report['baseline']}")

    @task(5)
    def official_list(self):
        self.client.get("/can-bo/", name="danh sách cán bộ")

    @task(3)
    def search(self):
        self.client.get(f"/can-bo/?q={random.choice(SEARCHES).replace(' ', '+')}", name="tìm kiếm")

    @task(4)
    def profile(self):
        self.client.get(f"/can-bo/{random.choice(self.target['officials'])}/", name="hồ sơ cán bộ")

    @task(1)
    def tree(self):
        self.client.get("/to-chuc/", name="cây tổ chức")

    @task(2)
    def dashboard(self):
        self.client.get("/tong-quan/", name="tổng quan")

    @task(2)
    def report(self):
        self.client.get(f"/bao-cao/?{self.report_query()}", name="báo cáo")


class ProvincialStaff(Person):
    account = "tinh1"
    weight = 2

    @task(1)
    def comparison(self):
        self.client.get(f"/bao-cao/so-sanh/?{self.report_query()}", name="so sánh")


class Reviewer(ProvincialStaff):
    account = "reviewer"
    weight = 2


class DistrictStaff(Person):
    account = "staff1"
    weight = 3


class OtherDistrictStaff(Person):
    account = "staff2"
    weight = 3
