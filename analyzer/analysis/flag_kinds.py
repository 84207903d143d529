"""Flag-defining methods of ``flag`` and ``spf13/pflag`` and the parameter types they take.

Every form folds to one kind: ``String``, ``StringVar``, ``StringP`` and
``StringVarP`` are all ``String``. The JSON types are the GSL405 table for
flags; ``Duration``, ``Func``, ``Var`` and ``TextVar`` parse their own text, so
any parameter type fits them.
"""

from __future__ import annotations

from go_script_lint.analysis.json_types import ANY

_STRING = frozenset({"string"})
_INTEGER = frozenset({"integer"})
_NUMBER = frozenset({"number"})
_ARRAY = frozenset({"array"})
# Flag kind → the JSON types of a parameter it can take (the GSL405 table).
# Duration, Func, Var and TextVar parse their own text: any type fits.
STD_KINDS: dict[str, frozenset[str]] = {
    "String": _STRING,
    "Bool": frozenset({"boolean"}),
    "Int": _INTEGER,
    "Int64": _INTEGER,
    "Uint": _INTEGER,
    "Uint64": _INTEGER,
    "Float64": _NUMBER,
    "Duration": ANY,
    "Func": ANY,
    "BoolFunc": ANY,
    "TextVar": ANY,
    "Var": ANY,
}
PFLAG_KINDS: dict[str, frozenset[str]] = {
    **STD_KINDS,
    **dict.fromkeys(("Int8", "Int16", "Int32", "Uint8", "Uint16", "Uint32"), _INTEGER),
    "Count": _INTEGER,
    "Float32": _NUMBER,
    **dict.fromkeys(("IP", "IPMask", "IPNet", "BytesHex", "BytesBase64"), _STRING),
    **dict.fromkeys(
        (
            "StringSlice",
            "StringArray",
            "IntSlice",
            "Int32Slice",
            "Int64Slice",
            "UintSlice",
            "Float32Slice",
            "Float64Slice",
            "BoolSlice",
            "DurationSlice",
            "IPSlice",
        ),
        _ARRAY,
    ),
    **{
        k: frozenset({"object"})
        for k in ("StringToString", "StringToInt", "StringToInt64")
    },
}
# Kinds whose definition takes no default argument.
NO_DEFAULT = frozenset({"Var", "Func", "BoolFunc", "Count"})
# Kinds whose definition takes the variable first (`TextVar(p, name, value, usage)`).
TAKES_POINTER = frozenset({"Var", "TextVar"})


def split_method(method: str, library: str) -> tuple[str, bool, bool] | None:
    """``StringVarP`` → (``String``, takes a pointer, has a shorthand); ``None`` if no flag."""
    kinds = PFLAG_KINDS if library == "pflag" else STD_KINDS
    forms = [(method, False)]
    if library == "pflag" and method.endswith("P"):
        forms.append((method[:-1], True))  # `IP` is a kind, `IPP` its shorthand form
    for base, short in forms:
        if base in TAKES_POINTER:
            return base, True, short
        if base in kinds:
            return base, False, short
        plain = base[:-3]
        if base.endswith("Var") and plain in kinds and plain not in NO_DEFAULT:
            return plain, True, short
        if base == "CountVar" and library == "pflag":
            return "Count", True, short
    return None
