// Calls the service through the typescript-fetch client that openapi-generator generates from its
// /v3/api-docs, as a TypeScript user would, and prints what the client returned as one JSON object;
// GeneratedTypeScriptClientIntegrationTests compiles this with the client (tsc), runs it with Node and
// checks the numbers against its references. Usage: node client-check.js http://localhost:PORT
import {
	ActivationResponse,
	CatalogApi,
	Configuration,
	ElementwiseFunctionsApi,
	FunctionsAlongAnAxisApi,
	ProblemFromJSON,
	ResponseError,
} from './client';

// Node's own global, declared here so that no @types/node is needed.
declare const process: { argv: string[]; exit(code: number): never };

const configuration = new Configuration({ basePath: process.argv[2] });
const elementwise = new ElementwiseFunctionsApi(configuration);
const alongAxis = new FunctionsAlongAnAxisApi(configuration);
const catalog = new CatalogApi(configuration);

function plain(response: ActivationResponse) {
	return { function: response._function, shape: response.shape, values: response.values };
}

async function emptyValuesProblem() {
	try {
		await elementwise.activateSigmoid({ activationRequest: { values: [] } });
	} catch (error) {
		if (error instanceof ResponseError) {
			const problem = ProblemFromJSON(await error.response.json());
			return {
				status: error.response.status,
				contentType: error.response.headers.get('Content-Type'),
				detail: problem.detail,
				pointer: problem.pointer,
			};
		}
		throw error;
	}
	throw new Error('an empty values array was accepted');
}

function methods(api: object): string[] {
	return Object.getOwnPropertyNames(Object.getPrototypeOf(api)).filter(
		(name) => name.startsWith('activate') && !name.endsWith('Raw'),
	);
}

async function main(): Promise<void> {
	const vector: number[] = [-2.0, 0.0, 3.0];
	const matrix: number[][] = [
		[-1.0, 0.5, 4.0],
		[2.0, -3.0, 0.25],
	];
	const results = {
		sigmoidVector: plain(await elementwise.activateSigmoid({ activationRequest: { values: vector } })),
		sigmoidMatrix: plain(await elementwise.activateSigmoid({ activationRequest: { values: matrix } })),
		sigmoidIntegers: plain(await elementwise.activateSigmoid({ activationRequest: { values: [-7, 0, 5] } })),
		leakyRelu: plain(
			await elementwise.activateLeakyRelu({ activationRequest: { values: [-10.0, -0.5, 3.0] }, negativeSlope: 0.2 }),
		),
		softmax: plain(
			await alongAxis.activateSoftmax({
				activationRequest: {
					values: [
						[1, 2, 3],
						[1, 4, 9],
					],
				},
				axis: [0],
				temperature: 0.5,
			}),
		),
		gelu: plain(
			await elementwise.activateGelu({ activationRequest: { values: [-3.0, 0.5, 2.0] }, approximate: 'tanh' }),
		),
		catalog: (await catalog.listFunctions()).functions.map((f) => f.name),
		emptyValues: await emptyValuesProblem(),
		methods: [...methods(elementwise), ...methods(alongAxis)],
	};
	console.log(JSON.stringify(results));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
