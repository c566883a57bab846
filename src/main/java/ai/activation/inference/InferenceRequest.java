package ai.activation.inference;

import java.util.List;
import java.util.Map;

/**
 * One inference request of the Open Inference Protocol, read and checked:
 * {@code $inference_request} of kserve/open-inference-protocol
 * {@code specification/protocol/inference_rest.md}, its one input's data decoded, whether
 * it came as JSON {@code data} or as binary data after the JSON (Triton's binary tensor
 * data extension).
 *
 * @param id the request's {@code id}, echoed in the answer, or {@code null}
 * @param parameters the request-level {@code parameters} other than the codec's
 * {@code binary_data_output}: the function's parameters, each a {@link String}, a
 * {@link Boolean} or a {@link JsonNumber}, in the order given
 * @param binaryDataOutput the request-level {@code binary_data_output}: whether outputs
 * not asked for otherwise are answered as binary data
 * @param input the one input tensor
 * @param outputs the requested outputs, or {@code null} when the request names none, in
 * which case every output is answered
 * @param mask the mask, a second input named {@code mask} (BOOL, or 0 and 1 in a number
 * datatype), for the functions that take one; or {@code null}
 */
record InferenceRequest(String id, Map<String, Object> parameters, boolean binaryDataOutput, Input input,
		List<Output> outputs, Input mask) {

	/**
	 * A request without a mask.
	 * @param id the request's id, or {@code null}
	 * @param parameters the request-level parameters
	 * @param binaryDataOutput whether outputs are binary data by default
	 * @param input the input tensor
	 * @param outputs the requested outputs, or {@code null}
	 */
	InferenceRequest(String id, Map<String, Object> parameters, boolean binaryDataOutput, Input input,
			List<Output> outputs) {
		this(id, parameters, binaryDataOutput, input, outputs, null);
	}

	/** The name of the request-level parameter that asks for binary outputs. */
	static final String BINARY_DATA_OUTPUT = "binary_data_output";

	/** The name of the input and output parameter that gives a binary tensor's size. */
	static final String BINARY_DATA_SIZE = "binary_data_size";

	/** The name of the output parameter that asks for that output as binary data. */
	static final String BINARY_DATA = "binary_data";

	/**
	 * Tells whether an output is answered as binary data: its own {@code binary_data}
	 * parameter if given, else the request's {@code binary_data_output}.
	 * @param output the requested output, or {@code null} when outputs were not requested
	 * @return {@code true} for binary data after the JSON
	 */
	boolean binary(Output output) {
		return (output != null && output.binaryData() != null) ? output.binaryData() : this.binaryDataOutput;
	}

	/**
	 * The input tensor, as {@code $request_input}.
	 *
	 * @param name its name
	 * @param shape its dimensions, each at least 1
	 * @param datatype its datatype
	 * @param values its elements as doubles, row major: exact for every datatype but
	 * 64-bit integers beyond 2^53, which are rounded to the nearest double
	 */
	record Input(String name, int[] shape, Datatype datatype, double[] values) {
	}

	/**
	 * A requested output, as {@code $request_output}.
	 *
	 * @param name its name
	 * @param binaryData its {@code binary_data} parameter, or {@code null} if not given
	 */
	record Output(String name, Boolean binaryData) {
	}

	/**
	 * A JSON number given as a parameter value, as it was written.
	 *
	 * @param text the literal, e.g. {@code 0.25} or {@code -1}
	 * @param integral whether it is written as an integer, without fraction or exponent
	 */
	record JsonNumber(String text, boolean integral) {

		@Override
		public String toString() {
			return this.text;
		}

	}

}
