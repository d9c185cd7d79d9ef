#!/usr/bin/env python3
"""Yosys against the estimate on GPTs no one chose (docs/benchmarks.md, thirteenth stop).

Draw N designs the way DrawnDesignSynthesisPropertyTest does (width, heads, context, vocabulary,
blocks, formats, norm, MLP activation, biases, output, lanes; families in the order iCE40, ECP5,
xc7, iCE40, ECP5, xc7, Cyclone V), map each whole with `bramble synth --format json`, and print
mapped against estimated logic, block RAM and DSP cells, and each family's error summary.

    python3 bench/drawn_designs.py [FIRST] [LAST] [--families F,F,...] [--out DIR] [--jobs J]

Draw i is seeded 1000 + i, so a range can be rerun or extended; --families replaces the family
order (any of ice40, ecp5, xc7, cyclonev, gowin, taken in turn) and keeps every other draw. Each draw takes 20-120 s of
Yosys (Cyclone V longer); two run at once by default. Needs the tools of `bramble synth`.
"""
import argparse
import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEVICES = {"ice40": "iCE40UP5K-SG48", "ecp5": "LFE5U-85F-6BG381C", "xc7": "xc7a100tcsg324-1", "cyclonev": "5CSEMA5F31C6",
           "gowin": "gw1nr-lv9"}
FAMILY_ORDER = ["ice40", "ecp5", "xc7", "ice40", "ecp5", "xc7", "cyclonev"]


def draw(i, families=FAMILY_ORDER):
    """The design of draw i: its family and its parameters."""
    r = random.Random(1000 + i)
    d = dict(family=families[i % len(families)], lanes=r.choice([1, 2, 4, 8]), dim=r.choice([8, 12, 16, 24]))
    heads = r.choice([1, 2, 4])
    d.update(heads=heads if d["dim"] % heads == 0 else 1, context=r.choice([4, 8, 16]), vocab=r.randint(8, 40),
             blocks=r.choice([1, 2]), weights=r.choice(["q1.5", "q1.7", "q2.6", "q2.10", "q4.12"]),
             activations=r.choice(["q4.8", "q5.7", "q6.10", "q8.8"]),
             norm=r.choice(["rmsnorm", "layernorm", "rmsnorm gain", "layernorm gain bias"]),
             mlp=r.choice(["relu", "gelu", "gelu erf"]), bias=r.choice([False, True]),
             output=r.choice(["argmax", "sample temperature 0.8 seed 3", "sample temperature 0.5 seed 1"]))
    return d


def text(d):
    """The .bramble text of a drawn design (the property test's shape)."""
    t = f"model drawn {{\n    vocab   = {d['vocab']}\n    context = {d['context']}\n    dim     = {d['dim']}\n"
    t += f"    weights random seed 5\n    numeric weights {d['weights']}, activations {d['activations']}\n"
    t += "    embedding wte [vocab, dim]\n    embedding wpe [context, dim] position\n"
    bias = " bias" if d["bias"] else ""
    named = [0]

    def norm():
        kind, *learned = d["norm"].split(" ", 1)
        if not learned:
            return kind
        named[0] += 1
        return f"{kind} n{named[0]} {learned[0]}"

    for b in range(d["blocks"]):
        t += f"    block b{b} {{\n        residual {{\n            {norm()}\n            attention heads {d['heads']} {{\n"
        for w in "qkvo":
            t += f"                linear {w}{b} [dim -> dim]{bias}\n"
        t += f"            }}\n        }}\n        residual {{\n            {norm()}\n"
        t += f"            linear f{b} [dim -> 2 * dim] {d['mlp']}{bias}\n            linear g{b} [2 * dim -> dim]{bias}\n        }}\n    }}\n"
    t += f"    {norm()}\n    linear head [dim -> vocab]\n    {d['output']}\n}}\n\n"
    t += f"target t {{\n    device  {DEVICES[d['family']]}\n    clock   20 MHz\n    lanes   {d['lanes']}\n    storage bram\n}}\n"
    return t


def synth(i, out, families):
    """Map draw i (once: a finished draw's result is kept) and return (i, design, bramble synth's JSON)."""
    d = draw(i, families)
    folder = os.path.join(out, f"d{i:02d}-{d['family']}")
    os.makedirs(folder, exist_ok=True)
    design = os.path.join(folder, "drawn.bramble")
    with open(design, "w") as f:
        f.write(text(d))
    result = os.path.join(folder, "synth.json")
    if not os.path.exists(result) or os.path.getsize(result) == 0:
        with open(result, "w") as so, open(os.path.join(folder, "synth.err"), "w") as se:
            subprocess.run([os.path.join(ROOT, "bramble"), "synth", design, "--format", "json"], stdout=so, stderr=se, check=False)
    try:
        with open(result) as f:
            return i, d, json.load(f)
    except ValueError:
        return i, d, None


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("first", type=int, nargs="?", default=0)
    p.add_argument("last", type=int, nargs="?", default=56, help="one past the last draw")
    p.add_argument("--out", default=os.path.join(ROOT, "build", "drawn"))
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--families", default=",".join(FAMILY_ORDER), help="the families, taken in turn by draw number")
    a = p.parse_args()
    families = a.families.split(",")
    unknown = [f for f in families if f not in DEVICES]
    if unknown:
        p.error(f"unknown family {', '.join(unknown)}: use {', '.join(DEVICES)}")
    with ThreadPoolExecutor(a.jobs) as pool:
        results = sorted(pool.map(lambda i: synth(i, a.out, families), range(a.first, a.last)), key=lambda r: r[0])
    errors = {}
    print("draw family    lanes dim heads ctx vocab  weights acts   norm                 mlp       output   block RAM    DSP     logic mapped/estimated")
    for i, d, s in results:
        if s is None:
            print(f"d{i:02d}  {d['family']:9s} bramble synth failed: see {a.out}/d{i:02d}-{d['family']}/synth.err")
            continue
        # against the estimate as Yosys maps the design: with the soft multipliers it alone builds (Gowin)
        estimated = s.get("estimatedLogicAsYosysMaps", s["estimatedLogic"])
        e = 100.0 * (estimated - s["logic"]) / s["logic"]
        errors.setdefault(s["family"], []).append(e)
        bram = f"{s['bram']}={s['estimatedBram']}" if s["yosysMapsBlockRam"] else "(vendor)"
        if s["bram"] != s["estimatedBram"] and s["yosysMapsBlockRam"]:
            bram = f"{s['bram']}!={s['estimatedBram']}"
        dsp = f"{s['dsp']}{'=' if s['dsp'] == s['estimatedDsp'] else '!='}{s['estimatedDsp']}" if s["yosysMapsDsp"] else "(vendor)"
        print(f"d{i:02d}  {d['family']:9s} {d['lanes']:5d} {d['dim']:3d} {d['heads']:5d} {d['context']:3d} {d['vocab']:5d}  {d['weights']:7s} {d['activations']:6s} "
              f"{d['norm']:20s} {d['mlp']:9s} {d['output'][:6]:8s} {bram:12s} {dsp:7s} {s['logic']:6d}/{estimated:<6d} {e:+6.1f} %")
    for family, es in errors.items():
        worst = max(es, key=abs)
        print(f"{family:9s} {len(es):3d} designs: mean |error| {sum(map(abs, es)) / len(es):.1f} %, worst {worst:+.1f} %, beyond 10 %: {sum(abs(x) > 10 for x in es)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
