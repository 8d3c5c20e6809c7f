#!/usr/bin/env python3
"""Writes the Unicode data the detector folds text with (see ATTRIBUTION.md beside the output).

  make-latin-folding.py confusables.txt UnicodeData.txt DerivedCoreProperties.txt OUT_DIR

From Unicode's own files, of one version:
- latin-folding.tsv: code points that show as a Latin letter or digit, with what they show as.
  From confusables.txt (UTS #39): every single-code-point source outside ASCII whose prototype,
  decomposed (NFKD) with its marks dropped, is one to three ASCII letters or digits; the
  prototype's own non-ASCII letters read by the next rule (τ → ᴛ → t). From UnicodeData.txt names,
  for letters with no decomposition that confusables.txt leaves out: LATIN LETTER SMALL CAPITAL F,
  LATIN SMALL LETTER L WITH STROKE, NEGATIVE SQUARED LATIN CAPITAL LETTER A and their kin.
  Regional indicator letters are left out on purpose: in pairs they are flags.
- default-ignorable.tsv: the Default_Ignorable_Code_Point ranges of DerivedCoreProperties.txt.
"""
import re
import sys
import unicodedata

NAME_RULES = [
    re.compile(r"^LATIN (?:CAPITAL |SMALL )?LETTER (?:SMALL CAPITAL |CAPITAL )?([A-Z])(?: WITH .+)?$"),
    re.compile(r"^MODIFIER LETTER (?:SMALL |CAPITAL )?(?:SMALL CAPITAL )?([A-Z])(?: WITH .+)?$"),
    re.compile(r"^(?:NEGATIVE )?(?:CIRCLED|SQUARED|PARENTHESIZED) LATIN (?:CAPITAL |SMALL )?LETTER ([A-Z])$"),
]


def header(lines, source):
    out = []
    for line in lines:
        if not line.startswith("#"):
            break
        out.append(line.rstrip("\n"))
        if len(out) >= 8:
            break
    return ["# Derived by shared/tools/make-latin-folding.py from " + source + ", whose header reads:"] + out


def main(confusables, unicode_data, derived_core, out_dir):
    names, decomposed = {}, set()
    with open(unicode_data, encoding="utf-8") as f:
        for line in f:
            fields = line.split(";")
            cp = int(fields[0], 16)
            names[cp] = fields[1]
            if fields[5]:
                decomposed.add(cp)

    def by_name(cp):
        if cp in decomposed:
            return None
        for rule in NAME_RULES:
            m = rule.match(names.get(cp, ""))
            if m:
                return m.group(1).lower()
        return None

    def ascii_of(text):
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.category(c).startswith("M"))
        out = ""
        for c in text:
            if c.isascii():
                out += c
            else:
                letter = by_name(ord(c))
                if letter is None:
                    return None
                out += letter
        return out if out and len(out) <= 3 and all(c.isascii() and c.isalnum() for c in out) else None

    folding = {}
    with open(confusables, encoding="utf-8-sig") as f:
        conf_lines = f.readlines()
    for line in conf_lines:
        data = line.split("#")[0].strip()
        if not data:
            continue
        source, target, _ = [x.strip() for x in data.split(";")]
        source = source.split()
        if len(source) != 1 or int(source[0], 16) < 0x80:
            continue
        latin = ascii_of("".join(chr(int(c, 16)) for c in target.split()))
        if latin is not None:
            folding[int(source[0], 16)] = latin
    for cp in names:
        if cp >= 0x80 and cp not in folding and by_name(cp) is not None:
            folding[cp] = by_name(cp)

    with open(out_dir + "/latin-folding.tsv", "w", encoding="utf-8") as out:
        out.write("\n".join(header(conf_lines, "confusables.txt") + [
            "# and UnicodeData.txt (names of letters without a decomposition) of the same version.",
            "# code point (hex) <TAB> the ASCII letters or digits it shows as"]) + "\n")
        for cp in sorted(folding):
            out.write("%04X\t%s\n" % (cp, folding[cp]))

    with open(derived_core, encoding="utf-8") as f:
        core = f.readlines()
    ranges = [line.split(";")[0].strip() for line in core
              if "; Default_Ignorable_Code_Point" in line and not line.startswith("#")]
    with open(out_dir + "/default-ignorable.tsv", "w", encoding="utf-8") as out:
        out.write("\n".join(header(core, "DerivedCoreProperties.txt") + [
            "# Default_Ignorable_Code_Point: code point or first..last (hex)"]) + "\n")
        out.write("\n".join(ranges) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:5])
