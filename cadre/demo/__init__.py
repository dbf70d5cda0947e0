"""Demo data: a realistic, generated province for trying the system out.

`generate_demo` builds the province (see `cadre.demo.generator`), `delete_demo_data`
removes it again, and `demo_users_text` lists the demo accounts for the run script.
Everything is deterministic for a seed: the same size and seed give the same rows.
"""
from cadre.demo.generator import DemoRefused, DemoSummary, generate_demo
from cadre.demo.reset import delete_demo_data
from cadre.demo.users import DEMO_USERNAMES, demo_users_text

__all__ = [
    "DEMO_USERNAMES",
    "DemoRefused",
    "DemoSummary",
    "delete_demo_data",
    "demo_users_text",
    "generate_demo",
]
