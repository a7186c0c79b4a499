"""Reads and forges zip packets with Python's zipfile, a zip implementation other than the CLI's (yazl/yauzl).

  inspect ZIP                  -> JSON {"entries": [{"name", "sha256", "size", "mode"}]}
  rewrite SRC DST SPEC.json    -> DST is SRC with SPEC's edits: {"change": {name: text to append}, "drop": [name],
                                  "add": {name: text}, "reindex": bool (rewrite isccc-index.txt to match)}
  hostile KIND DST             -> a packet with one hostile entry (KIND: slip, absolute, backslash, symlink, bomb,
                                  lying-size, many-entries, duplicate)
"""
import hashlib
import json
import os
import sys
import zipfile

INDEX = "isccc-index.txt"
HEADER = "isccc-packet-index/v1"


def inspect(path):
    with zipfile.ZipFile(path) as z:
        entries = []
        for info in z.infolist():
            data = z.read(info.filename)
            entries.append({"name": info.filename, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "mode": info.external_attr >> 16})
    json.dump({"entries": entries}, sys.stdout)


def index_of(files):
    names = sorted((n for n in files if n not in (INDEX, "isccc-index.sig", "isccc-signer.pem")), key=lambda n: n.encode("utf-8"))
    lines = [HEADER] + [f"{hashlib.sha256(files[n]).hexdigest()} {len(files[n])} {n}" for n in names]
    return ("\n".join(lines) + "\n").encode("utf-8")


def rewrite(src, dst, spec):
    with zipfile.ZipFile(src) as z:
        files = {i.filename: z.read(i.filename) for i in z.infolist()}
    for name, extra in spec.get("change", {}).items():
        files[name] = files[name] + extra.encode("utf-8")
    for name in spec.get("drop", []):
        del files[name]
    for name, text in spec.get("add", {}).items():
        files[name] = text.encode("utf-8")
    if spec.get("reindex"):
        files[INDEX] = index_of(files)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in files.items():
            out.writestr(name, data)


def hostile(kind, dst):
    index = (HEADER + "\n").encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(INDEX, index)
        if kind == "slip":
            out.writestr("../isccc-slip.txt", b"escaped")
        elif kind == "absolute":
            out.writestr("/tmp/isccc-absolute.txt", b"escaped")
        elif kind == "backslash":
            out.writestr("evidence\\..\\..\\isccc-backslash.txt", b"escaped")
        elif kind == "symlink":
            info = zipfile.ZipInfo("evidence/passwd.md")
            info.create_system = 3
            info.external_attr = (0o120777 << 16)
            out.writestr(info, "/etc/passwd")
        elif kind == "bomb":
            out.writestr("evidence/zeros.md", b"\0" * (64 * 1024 * 1024))
        elif kind == "many-entries":
            for i in range(6000):
                out.writestr(f"evidence/{i}.md", b"")
        elif kind == "duplicate":
            out.writestr("evidence/a.md", b"one")
            out.writestr("evidence/a.md", b"two")
        elif kind == "lying-size":
            out.writestr(zipfile.ZipInfo("evidence/noise.md"), os.urandom(2 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)
        else:
            raise SystemExit(f"unknown kind {kind}")
    if kind == "lying-size":
        # Declare 1000 bytes uncompressed in both headers while 2 MiB inflate: only reading the data can tell.
        data = bytearray(open(dst, "rb").read())
        name = b"evidence/noise.md"
        pos = 0
        while True:
            pos = data.find(b"PK\x03\x04", pos)
            if pos < 0:
                break
            if data[pos + 30 : pos + 30 + len(name)] == name:
                data[pos + 22 : pos + 26] = (1000).to_bytes(4, "little")
            pos += 4
        pos = 0
        while True:
            pos = data.find(b"PK\x01\x02", pos)
            if pos < 0:
                break
            if data[pos + 46 : pos + 46 + len(name)] == name:
                data[pos + 24 : pos + 28] = (1000).to_bytes(4, "little")
            pos += 4
        open(dst, "wb").write(bytes(data))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "inspect":
        inspect(sys.argv[2])
    elif mode == "rewrite":
        rewrite(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
    elif mode == "hostile":
        hostile(sys.argv[2], sys.argv[3])
