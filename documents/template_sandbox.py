"""The sandbox a district's Word template runs in, and the check of its expressions before it is stored.

District staff write Jinja expressions into their own .docx templates
(documents/user_templates.py). Those expressions are untrusted code, so:

- they are compiled and rendered only by TemplateSandbox, a stricter
  ImmutableSandboxedEnvironment: no attribute or item whose name starts with
  "_", only the keys of the report's data and a few plain methods of
  strings, lists and dicts, no Jinja globals (range, lipsum, cycler, joiner,
  namespace, dict), a short list of filters and tests, and limits on the size
  of texts, the number of loop iterations and the size of the output;
- before a template is stored (and again before a stored one is filled),
  `expression_problems` walks the parsed template without evaluating
  anything and names, in Vietnamese, every expression the sandbox would
  refuse;
- whatever goes wrong while filling becomes a Vietnamese sentence
  (`render_problem`), never Jinja's or Python's English text.
"""
from __future__ import annotations

import re
import types
from collections.abc import Iterable
from dataclasses import dataclass

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.filters import make_attrgetter
from jinja2.runtime import LoopContext, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.tests import TESTS as JINJA_TESTS
from jinja2.utils import missing, pass_environment, pass_eval_context
from jinja2.visitor import NodeTransformer

MAX_TEXT_LENGTH = 1_000_000        # one value made by the template: characters of a text, items of a list
MAX_OUTPUT_LENGTH = 20_000_000     # one filled part of the document (body, a header, a footer)
MAX_LOOP_ITERATIONS = 100_000      # all loops of one document together
MAX_INTEGER_BITS = 256             # numbers made by "*" (a report's figures are far smaller)

# Plain methods a template may call, by the type of the value (none of them changes the value).
SAFE_METHODS: dict[type, frozenset[str]] = {
    str: frozenset({"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip", "startswith",
                    "endswith", "split", "count"}),
    dict: frozenset({"items", "keys", "values", "get"}),
    list: frozenset({"count", "index"}),
    tuple: frozenset({"count", "index"}),
}
LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth",
                             "depth0", "previtem", "nextitem"})
LOOP_METHODS = frozenset({"cycle", "changed"})
CALLABLE_NAMES = frozenset().union(*SAFE_METHODS.values(), LOOP_METHODS)

FILTERS = frozenset({"join", "upper", "lower", "capitalize", "title", "trim", "length", "count", "first", "last",
                     "default", "d", "int", "round", "abs", "replace", "reverse", "sort", "unique", "map",
                     "select", "reject", "selectattr", "rejectattr", "wordcount"})
TESTS = frozenset({"defined", "undefined", "none", "number", "integer", "float", "string", "sequence",
                   "mapping", "iterable", "boolean", "true", "false", "odd", "even", "divisibleby", "eq",
                   "equalto", "==", "ne", "!=", "lt", "<", "le", "<=", "gt", ">", "ge", ">=", "in", "sameas",
                   "lower", "upper"})
# Filters whose first argument names another filter or test (map('upper'), select('odd')).
FILTERS_NAMING_FILTERS = frozenset({"map"})
FILTERS_NAMING_TESTS = frozenset({"select", "reject", "selectattr", "rejectattr"})

# Names of Jinja's own helpers: a template gets none of them.
FORBIDDEN_NAMES = frozenset({"self", "range", "lipsum", "cycler", "joiner", "namespace", "dict", "caller",
                             "varargs", "kwargs"})

LOOP_GUARD = "_sandbox_loop"       # internal filters the sandbox wraps around loops and "~"
CONCAT_GUARD = "_sandbox_concat"

ALLOWED_HINT = ("chỉ dùng các biến trong danh sách biến, thuộc tính của chúng (ví dụ nguoi_ky.ho_ten), "
                "loop.index, các bộ lọc như |join, |upper và các thẻ {% for %}, {% if %}, {% set %}")


class TemplateRefused(SecurityError):
    """The sandbox stopped an expression; the message says which and why, in Vietnamese."""


# --- sizes -------------------------------------------------------------------------------


def text_size(value, limit: int = MAX_TEXT_LENGTH) -> int:
    """An upper bound of len(str(value)), counted only until it passes `limit` (so it is cheap)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (int, float, bool)) or value is None:
        return len(str(value))
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        total = 2
        items = value.items() if isinstance(value, dict) else value
        for item in items:
            # repr() of a text inside a list may escape every character (4x) and adds quotes.
            total += 2 + (4 * len(item) + 2 if isinstance(item, str) else text_size(item, limit - total))
            if total > limit:
                break
        return total
    xml = getattr(value, "xml", None)   # docxtpl's RichText
    if isinstance(xml, str):
        return len(xml)
    return len(str(value))


def _too_long(what: str) -> TemplateRefused:
    return TemplateRefused(f"{what} tạo ra văn bản quá dài (hơn {MAX_TEXT_LENGTH:,} ký tự)".replace(",", "."))


# --- the sandbox ---------------------------------------------------------------------------


class FigureMap(dict):
    """The document's manual figures by key (so_lieu, so_lieu_so): which keys there are depends on the
    document, so a missing one says so in the words of the page where figures are typed in."""

    __slots__ = ("_variable",)   # "_" names are out of a template's reach: so_lieu.<anything> is a key

    def __init__(self, values: dict, variable: str):
        super().__init__(values)
        self._variable = variable

    def _missing(self, name) -> str:
        return (f"văn bản chưa có số liệu nhập tay có mã “{name}” (mẫu dùng {self._variable}.{name}); "
                "hãy thêm ở trang “Số liệu nhập tay” của văn bản")


class VietnameseUndefined(StrictUndefined):
    """A missing variable, attribute or item: fails as soon as it is used, with a Vietnamese message."""

    __slots__ = ()

    JINJA_HINTS = {
        "there is no previous item": "vòng lặp không có phần tử trước (loop.previtem ở lần lặp đầu)",
        "there is no next item": "vòng lặp không có phần tử sau (loop.nextitem ở lần lặp cuối)",
    }

    @property
    def _undefined_message(self) -> str:
        hint, obj, name = self._undefined_hint, self._undefined_obj, self._undefined_name
        if hint:
            return self.JINJA_HINTS.get(hint, "một giá trị không có trong dữ liệu")
        if obj is missing:
            return f"biến “{name}” không có trong dữ liệu của văn bản"
        if isinstance(obj, FigureMap):
            return obj._missing(name)
        if isinstance(obj, dict):
            keys = ", ".join(str(key) for key in obj)
            return f"“{name}” không có ở đây; chỉ có: {keys}" if keys else f"“{name}” không có ở đây (giá trị rỗng)"
        if isinstance(obj, (list, tuple)):
            if isinstance(name, int):
                return f"danh sách chỉ có {len(obj)} phần tử, không có phần tử số {name}"
            return f"danh sách không có thuộc tính “{name}”"
        if isinstance(obj, str):
            return f"chuỗi chữ không có thuộc tính hoặc phần tử “{name}”"
        return f"“{name}” không có trong dữ liệu của văn bản"


def _refuse_name(name) -> None:
    if isinstance(name, str) and name.startswith("_"):
        raise TemplateRefused(f"“{shorten(name, 40)}” bắt đầu bằng dấu gạch dưới: đây là phần bên trong của "
                              "chương trình, mẫu không được dùng")


@pass_environment
def _loop_guard(environment: TemplateSandbox, iterable: Iterable):
    """Counts the iterations of every loop of the document against one budget."""
    for item in iterable:
        environment.spend_iteration()
        yield item


def _concat_guard(values: list) -> str:
    """The "~" operator, refusing a result longer than MAX_TEXT_LENGTH before it is built."""
    total = 0
    for value in values:
        if isinstance(value, Undefined):
            str(value)   # a missing variable fails here with its own message
        total += text_size(value, MAX_TEXT_LENGTH - total)
        if total > MAX_TEXT_LENGTH:
            raise _too_long("phép nối chữ “~”")
    return "".join(str(value) for value in values)


@pass_eval_context
def _join(eval_ctx, value, d: str = "", attribute=None):
    """|join, refusing a result longer than MAX_TEXT_LENGTH before it is built."""
    if attribute is not None:
        value = map(make_attrgetter(eval_ctx.environment, attribute), value)
    items = list(value)
    total = len(str(d)) * max(len(items) - 1, 0)
    for item in items:
        total += text_size(item, MAX_TEXT_LENGTH - total)
        if total > MAX_TEXT_LENGTH:
            raise _too_long("bộ lọc |join")
    return JINJA_FILTERS["join"](eval_ctx, items, d)


@pass_eval_context
def _replace(eval_ctx, value, old, new, count=None):
    """|replace, refusing a result longer than MAX_TEXT_LENGTH before it is built."""
    text, old, new = str(value), str(old), str(new)
    occurrences = text.count(old) if count is None else min(text.count(old), max(int(count), 0))
    if len(text) + occurrences * max(len(new) - len(old), 0) > MAX_TEXT_LENGTH:
        raise _too_long("bộ lọc |replace")
    return JINJA_FILTERS["replace"](eval_ctx, value, old, new, count)


def _finalize(value):
    """Every {{ … }}: a list or dict printed whole must not be huge either."""
    if isinstance(value, (list, tuple, set, frozenset, dict)) and text_size(value) > MAX_TEXT_LENGTH:
        raise _too_long("giá trị in ra")
    return value


class _Guards(NodeTransformer):
    """Wraps every loop's iterable in the iteration budget and every "~" in the length limit."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        node = self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, LOOP_GUARD, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        node = self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), CONCAT_GUARD, [], [], None, None,
                            lineno=node.lineno)


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja for untrusted templates: only the report's data, a few safe methods and filters, bounded work."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options):
        # Every value is text in the XML of the Word file: autoescape, so that "&", "<" and ">" typed by staff stay
        # characters (docxtpl's RichText, {{r … }}, is already XML and says so by its __html__).
        super().__init__(undefined=VietnameseUndefined, autoescape=True, finalize=_finalize, **options)
        self.globals.clear()
        self.filters = {name: JINJA_FILTERS[name] for name in FILTERS}
        self.filters.update({"join": _join, "replace": _replace, LOOP_GUARD: _loop_guard,
                             CONCAT_GUARD: _concat_guard})
        self.tests = {name: JINJA_TESTS[name] for name in TESTS}
        self.loop_budget = MAX_LOOP_ITERATIONS

    # -- work limits

    def spend_iteration(self) -> None:
        self.loop_budget -= 1
        if self.loop_budget < 0:
            raise TemplateRefused(f"các vòng lặp của mẫu chạy quá {MAX_LOOP_ITERATIONS:,} lần".replace(",", "."))

    def concat(self, pieces: Iterable[str]) -> str:   # noqa: D102 (used by Jinja for every output)
        total, kept = 0, []
        for piece in pieces:
            total += len(piece)
            if total > MAX_OUTPUT_LENGTH:
                raise TemplateRefused(f"mẫu tạo ra nội dung quá lớn (hơn {MAX_OUTPUT_LENGTH:,} ký tự)"
                                      .replace(",", "."))
            kept.append(piece)
        return "".join(kept)

    def _generate(self, source, name, filename, defer_init=False):
        return super()._generate(_Guards().visit(source), name, filename, defer_init=defer_init)

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise TemplateRefused("phép lũy thừa “**” không được dùng trong mẫu")
        if operator == "%" and isinstance(left, str):
            raise TemplateRefused("định dạng chuỗi bằng “%” không được dùng trong mẫu")
        sequences = (str, list, tuple)
        if operator == "*":
            if isinstance(left, sequences) or isinstance(right, sequences):
                sequence, times = (left, right) if isinstance(left, sequences) else (right, left)
                if isinstance(times, int) and times > 0 and text_size(sequence) * times > MAX_TEXT_LENGTH:
                    raise _too_long("phép nhân “*”")
            elif isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INTEGER_BITS:
                    raise TemplateRefused("phép nhân “*” cho số quá lớn")
        if operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
            if text_size(left) + text_size(right) > MAX_TEXT_LENGTH:
                raise _too_long("phép cộng “+”")
        return super().call_binop(context, operator, left, right)

    # -- what a template may read and call

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, LoopContext):
            return attr in LOOP_ATTRIBUTES or attr in LOOP_METHODS
        names = next((names for kind, names in SAFE_METHODS.items() if isinstance(obj, kind)), frozenset())
        return attr in names and super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj) -> bool:
        if not isinstance(obj, (types.BuiltinMethodType, types.MethodType)):
            return False
        owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
        if isinstance(owner, LoopContext):
            return name in LOOP_METHODS
        names = next((names for kind, names in SAFE_METHODS.items() if isinstance(owner, kind)), frozenset())
        return name in names

    def getattr(self, obj, attribute):
        _refuse_name(attribute)
        if isinstance(obj, Undefined):
            return getattr(obj, attribute)   # fails with the undefined variable's own message
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return self.undefined(obj=obj, name=attribute)
        if self.is_safe_attribute(obj, attribute, value):
            return value
        return self.unsafe_undefined(obj, attribute)

    def getitem(self, obj, argument):
        _refuse_name(argument)
        if isinstance(obj, Undefined):
            return obj[argument]
        if isinstance(obj, (dict, list, tuple, str)):
            try:
                return obj[argument]
            except (TypeError, LookupError):
                pass
        if isinstance(argument, str):
            return self.getattr(obj, argument)
        return self.undefined(obj=obj, name=argument)

    def unsafe_undefined(self, obj, attribute):
        raise TemplateRefused(f"“{shorten(str(attribute), 40)}” của {_kind(obj)} không được dùng trong mẫu")

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__name__", None) or type(__obj).__name__
            raise TemplateRefused(f"không được gọi “{shorten(str(name), 40)}(…)” trong mẫu")
        return __context.call(__obj, *args, **kwargs)


def _kind(obj) -> str:
    if isinstance(obj, str):
        return "chuỗi chữ"
    if isinstance(obj, (list, tuple)):
        return "danh sách"
    if isinstance(obj, dict):
        return "dữ liệu"
    if isinstance(obj, LoopContext):
        return "loop"
    if isinstance(obj, (int, float)):
        return "số"
    if type(obj).__name__ == "RichText":
        return "văn bản có định dạng"
    return "giá trị này"


# --- the check before a template is stored ---------------------------------------------------


def shorten(text: str, length: int = 80) -> str:
    """One line of at most `length` characters, cut with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


def expression_text(node: nodes.Node | None) -> str:
    """An expression written back roughly as the author typed it, for the messages."""
    if node is None:
        return ""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Getattr):
        return f"{expression_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{expression_text(node.node)}[{expression_text(node.arg)}]"
    if isinstance(node, nodes.Slice):
        return "…:…"
    if isinstance(node, nodes.Call):
        arguments = [expression_text(argument) for argument in node.args]
        arguments += [f"{keyword.key}={expression_text(keyword.value)}" for keyword in node.kwargs]
        return f"{expression_text(node.node)}({', '.join(arguments)})"
    if isinstance(node, nodes.Filter):
        arguments = [expression_text(argument) for argument in node.args]
        arguments += [f"{keyword.key}={expression_text(keyword.value)}" for keyword in node.kwargs]
        call = f"({', '.join(arguments)})" if arguments else ""
        return f"{expression_text(node.node)}|{node.name}{call}"
    if isinstance(node, nodes.Test):
        return f"{expression_text(node.node)} is {node.name}"
    if isinstance(node, nodes.BinExpr):
        return f"{expression_text(node.left)} {node.operator} {expression_text(node.right)}"
    if isinstance(node, nodes.Concat):
        return " ~ ".join(expression_text(part) for part in node.nodes)
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return "[" + ", ".join(expression_text(item) for item in node.items) + "]"
    return "…"


def _private_attribute(value) -> bool:
    """An attribute path like "a._b" given as a string (map(attribute=…), sort(attribute=…))."""
    return isinstance(value, str) and any(part.startswith("_") for part in value.split("."))


def _node_problem(node: nodes.Node) -> str | None:
    """Why the sandbox would refuse this node, or None."""
    if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
        return "tên bắt đầu bằng dấu gạch dưới “_” là phần bên trong của chương trình, mẫu không được dùng"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and _private_attribute(node.arg.value):
        return "tên bắt đầu bằng dấu gạch dưới “_” là phần bên trong của chương trình, mẫu không được dùng"
    if isinstance(node, nodes.Call):
        callee = node.node
        if not (isinstance(callee, nodes.Getattr) and callee.attr in CALLABLE_NAMES) or node.dyn_args \
                or node.dyn_kwargs:
            return ("mẫu không được gọi hàm; chỉ gọi được vài phương thức của chuỗi chữ, danh sách và loop ("
                    + ", ".join(sorted(CALLABLE_NAMES)) + ")")
    if isinstance(node, nodes.Filter):
        if node.name not in FILTERS:
            return f"bộ lọc “|{node.name}” không được dùng; chỉ dùng: " + ", ".join(sorted(FILTERS))
        if node.dyn_args or node.dyn_kwargs:
            return "bộ lọc không được nhận *tham số hay **tham số"
        first = node.args[0] if node.args else None
        if isinstance(first, nodes.Const):
            if node.name in FILTERS_NAMING_FILTERS and first.value not in FILTERS:
                return f"bộ lọc “{first.value}” không được dùng; chỉ dùng: " + ", ".join(sorted(FILTERS))
            if node.name in FILTERS_NAMING_TESTS and node.name.endswith("attr") and _private_attribute(first.value):
                return "tên bắt đầu bằng dấu gạch dưới “_” là phần bên trong của chương trình, mẫu không được dùng"
            if node.name in FILTERS_NAMING_TESTS and not node.name.endswith("attr") and first.value not in TESTS:
                return f"phép thử “{first.value}” không được dùng"
        if len(node.args) > 1 and node.name in ("selectattr", "rejectattr") and isinstance(node.args[1], nodes.Const) \
                and node.args[1].value not in TESTS:
            return f"phép thử “{node.args[1].value}” không được dùng"
        if any(keyword.key == "attribute" and isinstance(keyword.value, nodes.Const)
               and _private_attribute(keyword.value.value) for keyword in node.kwargs):
            return "tên bắt đầu bằng dấu gạch dưới “_” là phần bên trong của chương trình, mẫu không được dùng"
    if isinstance(node, nodes.Test) and node.name not in TESTS:
        return f"phép thử “is {node.name}” không được dùng; chỉ dùng: " + ", ".join(sorted(TESTS))
    if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in FORBIDDEN_NAMES:
        return f"“{node.name}” là hàm có sẵn của Jinja, mẫu không được dùng; {ALLOWED_HINT}"
    if isinstance(node, nodes.BinExpr) and node.operator == "**":
        return "phép lũy thừa “**” không được dùng trong mẫu"
    if isinstance(node, nodes.BinExpr) and node.operator == "%" and isinstance(node.left, nodes.Const) \
            and isinstance(node.left.value, str):
        return "định dạng chuỗi bằng “%” không được dùng trong mẫu"
    return None


STATEMENT_PROBLEMS = (
    ((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends),
     "thẻ {% include %}, {% import %}, {% from %} và {% extends %} không được dùng: mẫu phải nằm trọn trong một tệp"),
    ((nodes.Macro, nodes.CallBlock), "thẻ {% macro %} và {% call %} không được dùng trong mẫu"),
    ((nodes.Block,), "thẻ {% block %} không được dùng trong mẫu"),
)


def paragraph_near(source: str, lineno: int | None) -> str:
    """The visible text of the paragraphs around a line of a patched part (one paragraph per line)."""
    if not lineno:
        return ""
    lines = source.splitlines()
    window = lines[max(lineno - 2, 0):lineno + 1]
    return shorten(" ".join(re.sub(r"<[^>]+>", "", line) for line in window), 80)


def expression_problems(template: nodes.Template, part_name: str, source: str = "") -> list[str]:
    """Every expression of a parsed template that the sandbox refuses, in Vietnamese, without running any.

    The innermost offending part is named ("mo_dau_rt.__init__" rather than the whole chain after it).
    """
    problems: list[str] = []

    def visit(node: nodes.Node) -> bool:
        found = False
        for child in node.iter_child_nodes():
            found = visit(child) or found
        for kinds, why in STATEMENT_PROBLEMS:
            if isinstance(node, kinds):
                near = paragraph_near(source, node.lineno)
                where = f"Trong {part_name}, gần “{near}”" if near else f"Trong {part_name}"
                problems.append(f"{where}: {why}.")
                found = True
        if not found:
            why = _node_problem(node)
            if why is not None:
                problems.append(f"Trong {part_name}, biểu thức “{shorten(expression_text(node), 60)}”: {why}.")
                found = True
        return found

    visit(template)
    return list(dict.fromkeys(problems))


# --- attribute names, checked against the shape of the data --------------------------------------


@dataclass(frozen=True)
class Record:
    """A dict with named fields (nguoi_ky, one Biểu, one row of a Biểu)."""

    fields: dict


@dataclass(frozen=True)
class ListOf:
    """A list whose items all have one shape."""

    item: object


@dataclass(frozen=True)
class MapOf:
    """A dict whose keys depend on the document (the manual figures by key): any name not starting with "_"
    may be read, each item has one shape; whether a key exists is known only when the document is filled."""

    item: object


TEXT = "text"      # a string: only its SAFE_METHODS
VALUE = "value"    # a number, a yes/no or formatted text (RichText): no attribute at all
LOOP = "loop"      # Jinja's loop variable inside {% for %}

LIST_FILTERS_KEEPING_ITEMS = frozenset({"sort", "reverse", "unique", "select", "reject", "selectattr", "rejectattr"})


@dataclass(frozen=True)
class UnknownAttribute:
    expression: str  # as the author wrote it: "nguoi_ky.ten", "b.ten_sai"
    hint: str        # what the value does have, in Vietnamese


def _allowed(shape) -> frozenset[str]:
    if isinstance(shape, MapOf):
        return SAFE_METHODS[dict]
    if isinstance(shape, Record):
        return frozenset(shape.fields) | SAFE_METHODS[dict]
    if isinstance(shape, ListOf):
        return SAFE_METHODS[list]
    if shape == TEXT:
        return SAFE_METHODS[str]
    if shape == LOOP:
        return LOOP_ATTRIBUTES | LOOP_METHODS
    return frozenset()


def _hint(shape) -> str:
    if isinstance(shape, Record):
        return "chỉ có: " + ", ".join(shape.fields)
    if isinstance(shape, ListOf):
        return "là danh sách: dùng {% for … in … %} hoặc [0] để lấy từng phần tử"
    if shape == TEXT:
        return "là chuỗi chữ, không có thuộc tính"
    if shape == LOOP:
        return "loop chỉ có: " + ", ".join(sorted(LOOP_ATTRIBUTES))
    return "không có thuộc tính"


def unknown_attributes(template: nodes.Template, shapes: dict) -> list[UnknownAttribute]:
    """Every attribute (or item by name) of the data that the data does not have, found without running
    anything: `shapes` gives each variable's shape; loop variables ({% for b in bieu %}) and {% set %}
    names take the shape of what they stand for. Whatever cannot be known statically is not judged."""
    found: dict[str, UnknownAttribute] = {}

    def attribute(node: nodes.Node, base, name: str):
        if base is None or name.startswith("_"):   # "_" names are refused by expression_problems
            return None
        if isinstance(base, Record) and name in base.fields:
            return base.fields[name]
        if isinstance(base, MapOf):
            return None if name in SAFE_METHODS[dict] else base.item
        if name not in _allowed(base):
            text = shorten(expression_text(node), 60)
            found.setdefault(text, UnknownAttribute(text, _hint(base)))
        return None

    def shape_of(node: nodes.Node, env: dict):
        """Visits the node (and what it contains) in `env`; returns its shape when it is known, else None."""
        if isinstance(node, nodes.Name):
            return env.get(node.name) if node.ctx == "load" else None
        if isinstance(node, nodes.Getattr):
            return attribute(node, shape_of(node.node, env), node.attr)
        if isinstance(node, nodes.Getitem):
            base = shape_of(node.node, env)
            shape_of(node.arg, env)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return attribute(node, base, node.arg.value)
            if isinstance(base, ListOf) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int):
                return base.item
            return None
        if isinstance(node, nodes.Filter):
            base = shape_of(node.node, env) if node.node is not None else None
            for child in [*node.args, *(keyword.value for keyword in node.kwargs)]:
                shape_of(child, env)
            if isinstance(base, ListOf) and node.name in ("first", "last"):
                return base.item
            if isinstance(base, ListOf) and node.name in LIST_FILTERS_KEEPING_ITEMS:
                return base
            return None
        if isinstance(node, nodes.For):
            items = shape_of(node.iter, env)
            inner = {**env, "loop": LOOP, **dict.fromkeys(_stored_names(node.target))}
            if isinstance(items, ListOf) and isinstance(node.target, nodes.Name):
                inner[node.target.name] = items.item
            for child in [*([node.test] if node.test else []), *node.body]:
                shape_of(child, inner)
            for child in node.else_:
                shape_of(child, env)
            return None
        if isinstance(node, nodes.AssignBlock):
            for child in node.body:
                shape_of(child, env)
            env.update(dict.fromkeys(_stored_names(node.target)))
            return None
        if isinstance(node, nodes.Assign):
            value = shape_of(node.node, env)
            env.update(dict.fromkeys(_stored_names(node.target)))
            if isinstance(node.target, nodes.Name):
                env[node.target.name] = value
            return None
        for child in node.iter_child_nodes():
            shape_of(child, env)
        return None

    shape_of(template, dict(shapes))
    return list(found.values())


def _stored_names(target: nodes.Node) -> list[str]:
    return [name.name for name in target.find_all(nodes.Name)] if not isinstance(target, nodes.Name) else [target.name]


def forbidden_names(template: nodes.Template) -> set[str]:
    return {node.name for node in template.find_all(nodes.Name) if node.name in FORBIDDEN_NAMES}


# --- Jinja's errors in Vietnamese ---------------------------------------------------------------

SYNTAX_HINTS = (
    (r"unexpected end of template.*looking for the following tags: (.*?)\.",
     lambda m: "thiếu thẻ đóng " + " hoặc ".join("{% " + tag + " %}" for tag in re.findall(r"'(\w+)'", m.group(1)))
     + " (trong bảng là {%tr … %})"),
    (r"unexpected end of template", lambda m: "thiếu thẻ đóng (ví dụ {% endfor %}, {% endif %} hoặc {%tr endfor %})"),
    (r"encountered unknown tag '(\w+)'", lambda m: f"thẻ “{m.group(1)}” không hợp lệ"),
    (r"unknown tag '(\w+)'", lambda m: f"thẻ “{m.group(1)}” không hợp lệ"),
    (r"no filter named '([^']*)'", lambda m: f"bộ lọc “{m.group(1)}” không được dùng"),
    (r"no test named '([^']*)'", lambda m: f"phép thử “{m.group(1)}” không được dùng"),
    (r"unexpected '([})%])'", lambda m: "thừa hoặc thiếu dấu ngoặc"),
    (r"unexpected char '(.)'", lambda m: f"có ký tự không hợp lệ “{m.group(1)}” trong thẻ (có thể là dấu nháy cong "
                                         "“ ” hoặc ký tự lạ)"),
    (r"unexpected char", lambda m: "có ký tự không hợp lệ trong thẻ (có thể là dấu nháy cong “ ” hoặc ký tự lạ)"),
    (r"expected an expression", lambda m: "thẻ thiếu biểu thức (ví dụ {{ }} để trống)"),
    (r"expected token 'end of print statement'", lambda m: "thẻ {{ … }} viết sai (thừa chữ hoặc thiếu dấu chấm)"),
    (r"expected token 'end of statement block'", lambda m: "thẻ {% … %} viết sai"),
    (r"expected token", lambda m: "biểu thức viết sai"),
    (r"missing end of comment tag", lambda m: "thiếu dấu đóng ghi chú “#}”"),
    (r"tag name expected", lambda m: "sau “{%” phải có tên thẻ (for, if, set …)"),
    (r"unexpected '(\w+)'", lambda m: f"“{m.group(1)}” đặt sai chỗ"),
    (r"can't assign to", lambda m: "không gán được giá trị cho biểu thức này"),
    (r"block '(\w+)' defined twice", lambda m: "thẻ {% block %} không được dùng trong mẫu"),
)


def syntax_hint(message: str | None) -> str:
    """Jinja's English syntax message as a short Vietnamese explanation."""
    text = " ".join(str(message or "").split())
    for pattern, vietnamese in SYNTAX_HINTS:
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match:
            return vietnamese(match)
    return "cú pháp Jinja không đúng"


def render_problem(error: BaseException) -> str:
    """Why filling a template failed, in Vietnamese; the English text of Jinja or Python is never shown."""
    if isinstance(error, TemplateRefused):
        reason = str(error)
    elif isinstance(error, SecurityError):
        reason = "mẫu dùng một thao tác không được phép"
    elif isinstance(error, UndefinedError):
        message = str(error)
        reason = message if _is_vietnamese(message) else "mẫu dùng một giá trị không có trong dữ liệu"
    elif isinstance(error, TemplateSyntaxError):
        reason = f"lỗi cú pháp: {syntax_hint(error.message)}"
    elif isinstance(error, TemplateError):
        reason = syntax_hint(error.message) if re.search(r"no (filter|test) named", str(error.message), re.I) \
            else "mẫu dùng một thao tác không thực hiện được"
    elif isinstance(error, ZeroDivisionError):
        reason = "phép chia cho 0"
    elif isinstance(error, (OverflowError, ArithmeticError)):
        reason = "phép tính cho số quá lớn"
    elif isinstance(error, TypeError):
        reason = "phép tính hoặc bộ lọc dùng sai loại giá trị (ví dụ cộng chữ với số, lặp trên một số)"
    elif isinstance(error, (LookupError, AttributeError)):
        reason = "truy cập một phần tử hoặc thuộc tính không có"
    elif isinstance(error, RecursionError):
        reason = "mẫu lồng nhau quá sâu"
    elif isinstance(error, MemoryError):
        reason = "mẫu tạo ra dữ liệu quá lớn"
    else:
        reason = "giá trị không hợp lệ cho phép tính hoặc bộ lọc, hoặc thẻ {%tr %}, {%p %} đặt sai chỗ"
    near = _near(error)
    return f"{reason}{near}"


def _is_vietnamese(message: str) -> bool:
    return any(character in message for character in "“”ăâđêôơưĂÂĐÊÔƠƯ") or "không" in message


def _near(error: BaseException) -> str:
    """docxtpl keeps the paragraphs around the failing line; name the one that failed."""
    context = getattr(error, "docx_context", None)
    lineno = getattr(error, "lineno", None)
    if context is None or not lineno:
        return ""
    lines = [re.sub(r"<[^>]+>", "", line) for line in context]
    index = min(3, lineno - 1)
    if 0 <= index < len(lines) and lines[index].strip():
        return f" (gần “{shorten(lines[index])}”)"
    return ""
