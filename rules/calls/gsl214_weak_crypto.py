"""GSL214 weak-crypto: broken ciphers and hashes, and MD5/SHA-1 used for security."""

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
    go_ast,
    is_secret_name,
    is_test_file,
)

# Broken whatever they are used for.
ALWAYS = {
    "crypto/des.NewCipher": "DES",
    "crypto/des.NewTripleDESCipher": "3DES",
    "crypto/rc4.NewCipher": "RC4",
    "golang.org/x/crypto/md4.New": "MD4",
    "golang.org/x/crypto/ripemd160.New": "RIPEMD-160",
}
# Broken for collision resistance: a finding when used for security.
HASHES = {
    "crypto/md5.New": "MD5",
    "crypto/md5.Sum": "MD5",
    "crypto/sha1.New": "SHA-1",
    "crypto/sha1.Sum": "SHA-1",
    "crypto.MD5": "MD5",
    "crypto.SHA1": "SHA-1",
}
FIELDS = frozenset(name.rsplit(".", 1)[1] for name in (*ALWAYS, *HASHES))
SIGNING = frozenset(
    {
        "crypto/rsa.SignPKCS1v15",
        "crypto/rsa.VerifyPKCS1v15",
        "crypto/rsa.SignPSS",
        "crypto/rsa.VerifyPSS",
        "crypto/hmac.New",
        "golang.org/x/crypto/pbkdf2.Key",
        "crypto/pbkdf2.Key",
        "golang.org/x/crypto/hkdf.New",
        "crypto/hkdf.Key",
    }
)
SIGNATURE = re.compile(r"(?i)signatur|^sig$|hmac|^mac$")
COMPARES = (b"hmac.Equal", b"subtle.ConstantTimeCompare")
TABLE_OR_CODE = frozenset({"literal_value", "block"})
MAX_UP = 6  # parents climbed to find the call a hash is passed to


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    field = node.child_by_field_name("field")
    if field is None or go_ast.text(field) not in FIELDS:
        return  # cheap filter before resolving the package
    name = ctx.qualified_name(node)
    if name is None:
        return
    deep = ctx.scan_level is Risk.HIGH
    if not deep and is_test_file(ctx):
        return  # tests exercise legacy primitives on purpose
    cipher = ALWAYS.get(name)
    if cipher is not None:
        yield ctx.finding(
            RULE, node, what=f"`{ctx.text(node)}` uses {cipher}, which is broken"
        )
        return
    algorithm = HASHES.get(name)
    if algorithm is None:
        return
    reason = _security_use(ctx, node)
    if reason is not None:
        yield ctx.finding(
            RULE, node, what=f"`{ctx.text(node)}` uses {algorithm} {reason}"
        )
    elif deep:
        yield ctx.finding(
            RULE,
            node,
            level=Level.NOTE,
            precision="low",
            what=f"`{ctx.text(node)}` uses {algorithm} (as a checksum? deep scan)",
        )


def _security_use(ctx: FileContext, node: Node) -> str | None:
    """Why this MD5/SHA-1 use protects something, or ``None`` (a checksum)."""
    current: Node | None = node
    for _ in range(MAX_UP):
        current = current.parent if current is not None else None
        if current is None:
            break
        if current.type == "call_expression":
            callee = ctx.callee(current)
            if callee in SIGNING:
                short = callee.rsplit("/", 1)[-1]
                return f"in `{short}` (a MAC, signature or key derivation)"
    holder = go_ast.enclosing(node, TABLE_OR_CODE)
    if holder is not None and holder.type == "literal_value":
        return None  # an entry of an algorithm table, not a use
    call = (
        node.parent
        if node.parent is not None and node.parent.type == "call_expression"
        else None
    )
    names = bound_names(call if call is not None else node)
    if call is not None:
        names += [
            ctx.text(n) for arg in go_ast.call_args(call) for n in _identifiers(arg)
        ]
    secret = next((n for n in names if is_secret_name(n) or SIGNATURE.search(n)), None)
    if secret is not None:
        return f"for `{secret}`, which protects something"
    func = go_ast.enclosing_function(node)
    func_name = func.child_by_field_name("name") if func is not None else None
    if func_name is not None and is_secret_name(ctx.text(func_name)):
        return f"in `{ctx.text(func_name)}`, which handles a secret"
    if func is not None and any(c in (func.text or b"") for c in COMPARES):
        return "for a digest compared with a received one"
    return None


def _identifiers(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("identifier", "field_identifier"):
            yield current
        stack.extend(current.named_children)


RULE = Rule(
    id="GSL214",
    name="weak-crypto",
    summary="DES, 3DES, RC4, MD4 or RIPEMD-160 anywhere; MD5 or SHA-1 where they protect a secret.",
    description=(
        "DES, 3DES (`crypto/des`), RC4 (`crypto/rc4`), MD4 and RIPEMD-160 are reported "
        "wherever they are used. MD5 and SHA-1 are reported when they protect something: "
        "passed to `hmac.New`, an RSA signature, PBKDF2 or HKDF; hashing or stored in a "
        "value named like a password, token, secret or signature; inside a function named "
        "so; or in a function that compares digests (`hmac.Equal`, "
        "`subtle.ConstantTimeCompare`). MD5/SHA-1 as a checksum or cache key is only "
        "noted by the deep scan (`--risk-level high`), which also looks at `_test.go` "
        "files and `testdata`."
    ),
    message="{what}",
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.LOW,
    in_tests=False,
    tags=("security", "crypto"),
    cwe=(327, 328),
    precision="high",
    help=(
        "**Why:** MD5 and SHA-1 collisions are cheap to make, DES keys are brute-forced in "
        "hours, RC4 leaks its plaintext (CWE-327); a password hashed with MD5 is cracked "
        "at billions of guesses per second (CWE-328).\n\n"
        "**Fix:** AES-GCM (`crypto/cipher.NewGCM`) or ChaCha20-Poly1305 for encryption, "
        "SHA-256 (`crypto/sha256`) for MACs and signatures, and `bcrypt`/`argon2`/`scrypt` "
        "for passwords. A checksum that no attacker chooses may stay MD5."
    ),
    node_types=("selector_expression",),
    check=check,
    requires_imports=frozenset(
        {
            "crypto/des",
            "crypto/rc4",
            "crypto/md5",
            "crypto/sha1",
            "crypto",
            "golang.org/x/crypto/md4",
            "golang.org/x/crypto/ripemd160",
        }
    ),
)
