package ai.activation.inference;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tensor data types of the Open Inference Protocol, with the size of one element in
 * bytes, as the table "Tensor Data Types" of kserve/open-inference-protocol
 * {@code specification/protocol/inference_rest.md} lists them, plus {@code BF16}, which
 * Triton's binary tensor data extension ({@code docs/protocol/extension_binary_data.md}
 * of triton-inference-server/server) and tritonclient use. Names are case-sensitive, as
 * every string of the protocol is ({@code docs/predict-api/v2/required_api.md} of
 * kserve/kserve).
 *
 * <p>
 * The service computes in binary64. {@code FP64} and {@code FP32} are answered in the
 * same datatype; the integer types are accepted as inputs and answered as {@code FP64};
 * {@code FP16} and {@code BF16} are accepted and answered in binary only, as Triton does,
 * because JSON has no standard notation for them; {@code BOOL} and {@code BYTES} are not
 * numbers the functions take ({@code BOOL} is taken for the mask of the functions that
 * take one, by {@link InferenceRequestReader}).
 */
enum Datatype {

	/** Booleans, one byte each; refused. */
	BOOL(1, Kind.REFUSED),

	/** Unsigned 8-bit integers. */
	UINT8(1, Kind.INTEGER),

	/** Unsigned 16-bit integers. */
	UINT16(2, Kind.INTEGER),

	/** Unsigned 32-bit integers. */
	UINT32(4, Kind.INTEGER),

	/** Unsigned 64-bit integers; those above 2^53 are rounded to the nearest double. */
	UINT64(8, Kind.INTEGER),

	/** Signed 8-bit integers. */
	INT8(1, Kind.INTEGER),

	/** Signed 16-bit integers. */
	INT16(2, Kind.INTEGER),

	/** Signed 32-bit integers. */
	INT32(4, Kind.INTEGER),

	/** Signed 64-bit integers; those beyond ±2^53 are rounded to the nearest double. */
	INT64(8, Kind.INTEGER),

	/** IEEE 754 binary16, little-endian; binary only. */
	FP16(2, Kind.BINARY_FLOAT),

	/** IEEE 754 binary32, little-endian. */
	FP32(4, Kind.FLOAT),

	/** IEEE 754 binary64, little-endian. */
	FP64(8, Kind.FLOAT),

	/** The top 16 bits of a binary32 (bfloat16), little-endian; binary only. */
	BF16(2, Kind.BINARY_FLOAT),

	/** Length-prefixed byte strings; refused. */
	BYTES(-1, Kind.REFUSED);

	/** The datatypes an input may have, for messages. */
	static final String ACCEPTED = Arrays.stream(values())
		.filter((datatype) -> datatype.kind != Kind.REFUSED)
		.map(Datatype::name)
		.collect(Collectors.joining(", "));

	private final int size;

	private final Kind kind;

	Datatype(int size, Kind kind) {
		this.size = size;
		this.kind = kind;
	}

	/**
	 * Finds a datatype by its exact, case-sensitive name.
	 * @param name the name as given
	 * @return the datatype, or empty if the protocol has none of that name
	 */
	static Optional<Datatype> find(String name) {
		return Arrays.stream(values()).filter((datatype) -> datatype.name().equals(name)).findFirst();
	}

	/**
	 * Returns the size of one element in binary data.
	 * @return the size in bytes
	 */
	int size() {
		return this.size;
	}

	/**
	 * Tells whether the service takes inputs of this datatype.
	 * @return {@code false} for {@code BOOL} and {@code BYTES}
	 */
	boolean accepted() {
		return this.kind != Kind.REFUSED;
	}

	/**
	 * Tells whether tensors of this datatype may be given as JSON {@code data}.
	 * @return {@code false} for {@code FP16} and {@code BF16}
	 */
	boolean inJson() {
		return this.kind == Kind.FLOAT || this.kind == Kind.INTEGER;
	}

	/**
	 * Tells whether this is an integer datatype.
	 * @return {@code true} for {@code INT*} and {@code UINT*}
	 */
	boolean integer() {
		return this.kind == Kind.INTEGER;
	}

	/**
	 * Tells whether this is one of the unsigned integer datatypes.
	 * @return {@code true} for {@code UINT*}
	 */
	boolean unsigned() {
		return name().startsWith("UINT");
	}

	/**
	 * Returns the datatype of the answer to an input of this datatype.
	 * @return this datatype for the floating-point ones, {@code FP64} for the integers
	 */
	Datatype output() {
		return (this.kind == Kind.INTEGER) ? FP64 : this;
	}

	private enum Kind {

		FLOAT, BINARY_FLOAT, INTEGER, REFUSED

	}

}
