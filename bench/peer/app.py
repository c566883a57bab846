#!/usr/bin/python3
"""The peer of issue 12: the FastAPI + PyTorch service a Python team would write.

Same JSON contract as POST /activate/{function}: {"values": [...]} in, {"function": ...,
"shape": [n], "values": [...]} out; sigmoid and softmax (dim 0), float64.
Run with Debian's packages (python3-fastapi, python3-uvicorn, python3-uvloop,
python3-httptools, python3-torch):

    /usr/bin/python3 -m uvicorn --app-dir bench/peer app:app --port 48100 \
        --workers 2 --loop uvloop --http httptools --no-access-log
"""
import json

import torch
from fastapi import FastAPI, HTTPException, Request, Response

torch.set_num_threads(1)

FUNCTIONS = {
    "sigmoid": torch.sigmoid,
    "softmax": lambda x: torch.softmax(x, dim=0),
}

app = FastAPI()


@app.post("/activate/{function}")
async def activate(function: str, request: Request):
    kernel = FUNCTIONS.get(function)
    if kernel is None:
        raise HTTPException(status_code=404, detail=f"unknown function {function}")
    values = json.loads(await request.body())["values"]
    y = kernel(torch.tensor(values, dtype=torch.float64))
    body = json.dumps({"function": function, "shape": [len(values)], "values": y.tolist()})
    return Response(content=body, media_type="application/json")
