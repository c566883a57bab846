package ai.activation.activate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import ai.activation.activate.TensorEncoding.Dtype;
import ai.activation.engine.EncodedValues;
import ai.activation.kernel.Finiteness;

/**
 * The values of an {@code application/octet-stream} body, little-endian float64 or
 * float32, held in the body's bytes, which an elementwise call overwrites with its
 * results ({@link ai.activation.engine.PreparedCall#applyInPlace}); the bytes are then
 * the answer's body. A float32 value widens to a double exactly (JLS §5.1.2) and a result
 * narrows to the nearest float (§5.1.3, round to nearest even), as in
 * {@link BinaryTensorCodec}'s read and write.
 */
final class LittleEndianValues implements EncodedValues {

	/**
	 * The least double that narrows to an infinite float: 2^128 − 2^103, halfway between
	 * {@link Float#MAX_VALUE} (2^128 − 2^104) and 2^128, where round to nearest even (JLS
	 * §5.1.3) takes the even significand, 2^128, which overflows to infinity.
	 */
	static final double FLOAT_OVERFLOW = 0x1.ffffffp127;

	private final byte[] bytes;

	private final Dtype dtype;

	private final DoubleBuffer doubles;

	private final FloatBuffer floats;

	/** A float32 block on its way between the bytes and the doubles. */
	private float[] floatBlock = new float[0];

	/**
	 * Wraps bytes.
	 * @param bytes the values, a whole number of them
	 * @param dtype their element type
	 */
	LittleEndianValues(byte[] bytes, Dtype dtype) {
		this.bytes = bytes;
		this.dtype = dtype;
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		this.doubles = (dtype == Dtype.FLOAT64) ? buffer.asDoubleBuffer() : null;
		this.floats = (dtype == Dtype.FLOAT32) ? buffer.asFloatBuffer() : null;
	}

	/**
	 * Returns the bytes, which hold the results once the call has run.
	 * @return the bytes, not a copy
	 */
	byte[] bytes() {
		return this.bytes;
	}

	/**
	 * Returns the element type.
	 * @return the type
	 */
	Dtype dtype() {
		return this.dtype;
	}

	@Override
	public int count() {
		return this.bytes.length / this.dtype.size();
	}

	@Override
	public void read(int from, double[] block, int n) {
		if (this.doubles != null) {
			this.doubles.get(from, block, 0, n);
			return;
		}
		float[] floats = floatBlock(n);
		this.floats.get(from, floats, 0, n);
		for (int i = 0; i < n; i++) {
			block[i] = floats[i];
		}
	}

	@Override
	public boolean writeIfFinite(int from, double[] block, int n) {
		if (this.doubles != null) {
			if (!Finiteness.allBelow(block, 0, n, Double.POSITIVE_INFINITY)) {
				return false;
			}
			this.doubles.put(from, block, 0, n);
			return true;
		}
		if (!Finiteness.allBelow(block, 0, n, FLOAT_OVERFLOW)) {
			return false;
		}
		float[] floats = floatBlock(n);
		for (int i = 0; i < n; i++) {
			floats[i] = (float) block[i];
		}
		this.floats.put(from, floats, 0, n);
		return true;
	}

	@Override
	public int firstUnheld(double[] block, int n) {
		return (this.floats != null) ? BinaryTensorCodec.firstBeyondFloat(block, 0, n) : -1;
	}

	@Override
	public String unheld(String function, double value, String pointer) {
		return BinaryTensorCodec.beyondFloat(function, value, pointer);
	}

	private float[] floatBlock(int n) {
		if (this.floatBlock.length < n) {
			this.floatBlock = new float[n];
		}
		return this.floatBlock;
	}

}
