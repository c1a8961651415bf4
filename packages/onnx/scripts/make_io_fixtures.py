#!/usr/bin/env python3
"""Writes the model-IO fixtures of @nlpft/onnx with the reference `onnx` Python package.

Regenerate (Debian python3-onnx 1.12, python3-numpy):
    /usr/bin/python3 packages/onnx/scripts/make_io_fixtures.py

Outputs in packages/onnx/fixtures/io/:
  typed-fields.onnx   initializers in every storage form (raw_data, float_data, int64_data, double_data,
                      int32_data for int8/bool/float16, string_data), a Constant node, symbolic dims, metadata
  external.onnx(+.data)  the same graph with every tensor >= 0 bytes in external data (onnx.save external)
  expected.json       each tensor's name, data type, dims and values as numpy reads them
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'fixtures', 'io')
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(7)

w = rng.standard_normal((3, 4)).astype(np.float32)
b = rng.standard_normal((4,)).astype(np.float32)
shape = np.array([-1, 2, 2], dtype=np.int64)
d = rng.standard_normal((2, 2)).astype(np.float64)
i8 = np.array([-3, 0, 7, 127], dtype=np.int8)
flags = np.array([True, False, True], dtype=np.bool_)
half = np.array([1.5, -2.25, 0.0], dtype=np.float16)
i32 = np.array([[1, -2], [3, 2147483647]], dtype=np.int32)

inits = [
    numpy_helper.from_array(w, 'w_raw'),  # raw_data
    helper.make_tensor('b_floats', TensorProto.FLOAT, [4], b.tolist()),  # float_data
    helper.make_tensor('shape_int64s', TensorProto.INT64, [3], shape.tolist()),  # int64_data
    helper.make_tensor('d_doubles', TensorProto.DOUBLE, [2, 2], d.flatten().tolist()),  # double_data
    helper.make_tensor('i8_int32s', TensorProto.INT8, [4], i8.tolist()),  # int32_data
    helper.make_tensor('flags_int32s', TensorProto.BOOL, [3], flags.tolist()),  # int32_data
    helper.make_tensor('half_int32s', TensorProto.FLOAT16, [3], half.view(np.uint16).tolist()),  # int32_data bits
    numpy_helper.from_array(i32, 'i32_raw'),
    helper.make_tensor('words', TensorProto.STRING, [2], [b'hello', 'w\u00f6rld'.encode()]),
]
nodes = [
    helper.make_node('MatMul', ['x', 'w_raw'], ['xw'], name='mm'),
    helper.make_node('Add', ['xw', 'b_floats'], ['y0'], name='add'),
    helper.make_node('Constant', [], ['c'], name='const', value=numpy_helper.from_array(np.array([0.5], np.float32), 'cv')),
    helper.make_node('Mul', ['y0', 'c'], ['y1'], name='mul'),
    helper.make_node('Reshape', ['y1', 'shape_int64s'], ['y'], name='reshape'),
    helper.make_node('Gemm', ['d_doubles', 'd_doubles'], ['dd'], name='gemm', alpha=0.5, transB=1),
]
graph = helper.make_graph(
    nodes, 'io_fixture',
    [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['batch', 3])],
    [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['batch', 2, 2]),
     helper.make_tensor_value_info('dd', TensorProto.DOUBLE, [2, 2])],
    initializer=inits,
)
graph.value_info.append(helper.make_tensor_value_info('xw', TensorProto.FLOAT, ['batch', None]))
model = helper.make_model(graph, producer_name='make_io_fixtures', opset_imports=[helper.make_opsetid('', 17)])
model.ir_version = 8
helper.set_model_props(model, {'purpose': 'round-trip fixture'})
onnx.checker.check_model(model)
onnx.save_model(model, os.path.join(OUT, 'typed-fields.onnx'))

ext = onnx.load_model(os.path.join(OUT, 'typed-fields.onnx'))
for t in ext.graph.initializer:  # typed fields -> raw_data so they can move to the external file
    arr = numpy_helper.to_array(t)
    t.CopyFrom(numpy_helper.from_array(arr, t.name))
for p in ['external.onnx', 'external.onnx.data']:
    if os.path.exists(os.path.join(OUT, p)):
        os.remove(os.path.join(OUT, p))
onnx.save_model(ext, os.path.join(OUT, 'external.onnx'), save_as_external_data=True,
                all_tensors_to_one_file=True, location='external.onnx.data', size_threshold=0)

expected = []
for t in model.graph.initializer:
    arr = numpy_helper.to_array(t)
    if arr.dtype == np.float16:
        values = arr.view(np.uint16).flatten().tolist()
    elif arr.dtype == object:
        values = [s.decode() if isinstance(s, bytes) else s for s in arr.flatten().tolist()]
    else:
        values = arr.flatten().tolist()
    expected.append({'name': t.name, 'dataType': int(t.data_type), 'dims': list(arr.shape),
                     'values': [int(v) if isinstance(v, bool) else v for v in values]})
with open(os.path.join(OUT, 'expected.json'), 'w') as f:
    json.dump({'generator': 'scripts/make_io_fixtures.py (onnx %s)' % onnx.__version__, 'tensors': expected}, f, indent=1)
print('wrote', OUT)
