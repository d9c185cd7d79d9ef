"""Writes the .npy/.npz fixtures of NumpyFixturesTest with real NumPy (run: python3 make_fixtures.py).

Every array holds values(n) = (k * 0.25 - 3) for k = 0..n-1 (exact in every float type and, cast,
in the integer types), reshaped row-major to its shape; the Java test recomputes them.
"""
import numpy as np


def values(shape, dtype):
    n = int(np.prod(shape))
    v = np.arange(n, dtype=np.float64) * 0.25 - 3
    if np.dtype(dtype).kind in "iu":
        v = np.arange(n) - n // 2 if np.dtype(dtype).kind == "i" else np.arange(n)
    return v.reshape(shape).astype(dtype)


shape = (3, 5)
for dtype in ["<f4", ">f4", "<f8", ">f8", "<f2", ">f2", "<i2", ">i4", "i1", "<i8", "u1"]:
    a = values(shape, dtype)
    name = dtype.replace("<", "le_").replace(">", "be_")
    np.save(f"c_{name}.npy", a)
    np.save(f"f_{name}.npy", np.asfortranarray(a))
cube = values((2, 3, 4), "<f4")
np.save("f_cube.npy", np.asfortranarray(cube))
np.save("vector.npy", values((7,), "<f8"))
np.save("scalar.npy", np.float32(-3.0))
np.savez("stored.npz", wte=values((3, 4), "<f4"), **{"layer0.attn_wq": np.asfortranarray(values((4, 4), ">f8"))})
np.savez_compressed("deflated.npz", wte=values((3, 4), "<f4"), **{"layer0.attn_wq": np.asfortranarray(values((4, 4), ">f8"))})
