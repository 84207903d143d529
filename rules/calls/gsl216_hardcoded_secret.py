"""GSL216 hardcoded-secret: a credential written into the source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    bound_names,
    entropy,
    go_ast,
    is_secret_name,
    is_test_file,
    mask,
)

# Credential formats recognised wherever they appear.
FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an AWS access key id", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    (
        "a GitHub token",
        re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,})\b"),
    ),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20}\b")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("a Stripe live key", re.compile(r"\b[sr]k_live_[A-Za-z0-9]{20,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    (
        "a private key",
        re.compile(r"-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----"),
    ),
    (
        "a JSON Web Token",
        re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    ),
)
PRIVATE_KEY = FORMATS[6][1]
TEST_FIXTURE_FORMATS = (PRIVATE_KEY,)
PLACEHOLDER_PASSWORDS = frozenset(
    {"pass", "password", "passwd", "pwd", "secret", "pw", "p", "x", "foo", "bar"}
)
# Text every match of one of FORMATS contains.
FORMAT_MARKS = re.compile(
    r"AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|[sr]k_live_|AIza|PRIVATE KEY|eyJ"
)
# Cheap first look at the raw literal: could it hold one of the formats at all?
QUICK_FORMAT = re.compile(FORMAT_MARKS.pattern.encode() + rb"|://")
# A piece of each QUICK_FORMAT alternative (`gh` of `ghp_`, `hub_` of
# `github_pat_`…): pairs of letters rarer than the alternatives' first
# letters, so most literals are passed over twice as fast as by QUICK_FORMAT.
QUICK_PIECES = re.compile(rb"A[IKS]|gh|hub_|gl|xo|k_|PR|yJ|:/")
URL_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@]+:(?P<pw>[^/\s@]+)@[^\s]")
AWS_SECRET = re.compile(r"^[A-Za-z0-9/+]{40}$")
PLACEHOLDER = re.compile(
    r"(?i)^$|change_?me|xxx|\*\*\*|\$\{|\$[A-Z_]|<[^>]*>|\{\{|%[sv]|example|dummy|"
    r"fake|sample|placeholder|redacted|your[_-]|replace|^(test|secret|password|token)s?$"
)
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
MIN_LENGTH = 8
MIN_ENTROPY = 3.0


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if node.end_byte - node.start_byte < MIN_LENGTH + 2:
        return  # most literals: too short to be a credential (no bytes copied)
    raw = node.text or b""
    if len(raw) < MIN_LENGTH + 2:
        return
    known = (
        QUICK_PIECES.search(raw) is not None and QUICK_FORMAT.search(raw) is not None
    )
    if not known and (b" " in raw or b"/" in raw):
        return  # most literals: messages, paths; no format, no random-looking value
    test_file = ctx.scan_level is not Risk.HIGH and is_test_file(ctx)
    # Escapes are decoded only for a possible format or a secret-looking name.
    value = _value(node) if known else None
    what = _known_format(value, test_file) if value is not None else None
    if what is None and not test_file:  # test files: credentials for test servers
        # The name first: most literals are bound to none that means a secret.
        name = next((n for n in _names(node) if is_secret_name(n)), None)
        if name is not None:
            value = _value(node) if value is None else value
            if value is not None and _random_looking(value):
                what = f"a credential assigned to `{name}`", value
    if what is not None:
        kind, shown = what
        yield ctx.finding(RULE, node, kind=kind, shown=mask(shown))


def _value(node: Node) -> str | None:
    """The literal's value, when long enough to be a credential."""
    value = go_ast.string_literal_value(node)
    return value if value is not None and len(value) >= MIN_LENGTH else None


def _known_format(value: str, test_file: bool) -> tuple[str, str] | None:
    """A vendor credential format; test files' private keys and URLs are fixtures."""
    if FORMAT_MARKS.search(value):  # else none can match (most are plain URLs)
        for kind, pattern in FORMATS:
            if test_file and pattern in TEST_FIXTURE_FORMATS:
                continue
            match = pattern.search(value)
            if match is not None and not PLACEHOLDER.search(match.group(0)):
                return kind, match.group(0)
    url = None if test_file else URL_PASSWORD.search(value)
    if url is not None:
        password = url.group("pw")
        if not (
            PLACEHOLDER.search(password)
            or ENV_NAME.match(password)
            or password.lower() in PLACEHOLDER_PASSWORDS
        ):
            return "a URL with a password", url.group(0)
    return None


def _random_looking(value: str) -> bool:
    """Could be a key: no placeholder, no spaces or path, mixed characters, high entropy."""
    return not (
        PLACEHOLDER.search(value)
        or ENV_NAME.match(value)
        or any(c.isspace() for c in value)
        or "/" in value
        or ("." in value and not AWS_SECRET.match(value))
        or entropy(value) < MIN_ENTROPY
        or is_secret_name(value)  # a name (`encryptionKey1024`), not a value
        or _classes(value) < 2
    )


def _classes(value: str) -> int:
    """How many of lower case, upper case and digits ``value`` mixes."""
    return sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
        )
    )


def _names(node: Node) -> list[str]:
    """Names the literal is bound to, or compared with (``pw == "…"``)."""
    parent = node.parent
    if parent is not None and parent.type == "binary_expression":
        op = parent.child_by_field_name("operator")
        if op is not None and op.text in (b"==", b"!="):
            other = [
                c
                for c in (
                    parent.child_by_field_name("left"),
                    parent.child_by_field_name("right"),
                )
                if c is not None and c != node
            ]
            return [
                o.text.decode(errors="replace")
                for o in other
                if o.type in ("identifier", "selector_expression") and o.text
            ]
    return bound_names(node, through_calls=False)


RULE = Rule(
    id="GSL216",
    name="hardcoded-secret",
    summary="A credential (token, key, password) is written into the source.",
    description=(
        "String literals and constants are reported when they have a known credential "
        "format — AWS access key ids, GitHub (`ghp_`, `gho_`, `github_pat_`), GitLab "
        "(`glpat-`), Slack (`xox?-`), Stripe (`sk_live_`) and Google (`AIza`) keys, "
        "private-key PEM blocks, JSON Web Tokens, URLs with a password — or when a "
        "random-looking value (8+ characters, mixed character classes, entropy at least "
        "3 bits per character) is assigned to, or compared with, a name meaning a "
        "credential (`password`, `token`, `secret`, `apiKey`…; not `tokenURL`, "
        "`passwordFile`). Placeholders (`changeme`, `xxx`, `${VAR}`, `<token>`, "
        "`example`, empty) and environment variable names are not reported; in test "
        "files (`_test.go`, mocks, test helper packages) named values, private keys and "
        "URL passwords are test fixtures, reported by the deep scan only. The secret itself never "
        "appears in any output: messages, code frames and SARIF snippets show its first "
        "four characters only."
    ),
    message="{kind} is hard-coded (`{shown}`); read it from the environment or a secret store",
    level=Level.ERROR,
    risk=Risk.HIGH,
    scan_level=Risk.LOW,
    # A known-format credential leaks from a test file as from any other; only
    # the name-and-entropy guesses wait for the deep scan there (see check).
    tags=("security", "secrets"),
    cwe=(798, 259),
    precision="high",
    help=(
        "**Why:** a credential in the source is in every clone, fork, CI log and "
        "container image built from it, and stays in the git history after it is "
        "removed (CWE-798).\n\n"
        '**Fix:** revoke it, then read it at run time — `os.Getenv("API_TOKEN")`, a '
        "file mounted by the CI secret store, or a flag — and fail when it is missing."
    ),
    node_types=("interpreted_string_literal", "raw_string_literal"),
    check=check,
    masks_region=True,
)
