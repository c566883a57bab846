"""Calls the service through the client openapi-generator's `python` target generates from its
/v3/api-docs, as a Python user would, and prints what the client returned as one JSON object;
GeneratedPythonClientIntegrationTests runs this and checks the numbers against its references.

Usage: python3 client_check.py <generated client directory> http://localhost:PORT
Needs pydantic 2, urllib3, python-dateutil and typing-extensions (the client's requirements).
"""
import inspect
import json
import sys

sys.path.insert(0, sys.argv[1])

from activation_client import (  # noqa: E402
    ActivationRequest,
    ApiClient,
    ApiException,
    CatalogApi,
    Configuration,
    ElementwiseFunctionsApi,
    FunctionsAlongAnAxisApi,
    Problem,
)

# What every generated method takes besides the function's own parameters.
COMMON = {"self", "activation_request", "convention", "dtype", "shape"}


def plain(response):
    return {"function": response.function, "shape": response.shape, "values": response.values}


def empty_values_problem(elementwise):
    try:
        elementwise.activate_sigmoid(ActivationRequest(values=[]))
    except ApiException as error:
        problem = error.data
        if not isinstance(problem, Problem):
            raise AssertionError(f"the client did not parse the problem: {error.body!r}") from error
        return {
            "status": error.status,
            "contentType": error.headers.get("Content-Type"),
            "detail": problem.detail,
            "pointer": problem.pointer,
        }
    raise AssertionError("an empty values array was accepted")


def methods(*apis):
    found = {}
    for api in apis:
        for name, method in inspect.getmembers(api, inspect.isfunction):
            if name.startswith("activate_") and not name.endswith(("_with_http_info", "_without_preload_content")):
                found[name] = [p for p in inspect.signature(method).parameters
                               if p not in COMMON and not p.startswith("_")]
    return found


def main():
    with ApiClient(Configuration(host=sys.argv[2])) as client:
        elementwise = ElementwiseFunctionsApi(client)
        along_axis = FunctionsAlongAnAxisApi(client)
        results = {
            "sigmoidVector": plain(elementwise.activate_sigmoid(ActivationRequest(values=[-2.0, 0.0, 3.0]))),
            "sigmoidMatrix": plain(elementwise.activate_sigmoid(
                ActivationRequest(values=[[-1.0, 0.5, 4.0], [2.0, -3.0, 0.25]]))),
            "sigmoidIntegers": plain(elementwise.activate_sigmoid(ActivationRequest(values=[-7, 0, 5]))),
            "leakyRelu": plain(elementwise.activate_leaky_relu(
                ActivationRequest(values=[-10.0, -0.5, 3.0]), negative_slope=0.2)),
            "softmax": plain(along_axis.activate_softmax(
                ActivationRequest(values=[[1, 2, 3], [1, 4, 9]]), axis=[0], temperature=0.5)),
            "gelu": plain(elementwise.activate_gelu(ActivationRequest(values=[-3.0, 0.5, 2.0]), approximate="tanh")),
            "catalog": [f.name for f in CatalogApi(client).list_functions().functions],
            "emptyValues": empty_values_problem(elementwise),
            "methods": methods(ElementwiseFunctionsApi, FunctionsAlongAnAxisApi),
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
