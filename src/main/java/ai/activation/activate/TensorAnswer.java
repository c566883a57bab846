package ai.activation.activate;

import ai.activation.activate.TensorEncoding.Dtype;
import ai.activation.engine.ActivationResult;
import ai.activation.engine.InPlaceResult;

/**
 * What {@code /activate} answers: the engine's result, in a {@code double[]} to be
 * written in the negotiated media type, or the body's own bytes overwritten with the
 * results, to be written as they are.
 */
sealed interface TensorAnswer {

	/**
	 * Returns the number of overflow-avoidance events of the call.
	 * @return the count
	 */
	long overflowAvoided();

	/**
	 * An answer computed into a new array.
	 *
	 * @param result the result
	 * @param dtype the element type of a binary answer, the request's
	 */
	record Computed(ActivationResult result, Dtype dtype) implements TensorAnswer {

		@Override
		public long overflowAvoided() {
			return this.result.overflowAvoided();
		}

	}

	/**
	 * An answer computed in place in the binary body, only when {@code application/
	 * octet-stream} is the one answer the request accepts (see {@link TensorRequests}).
	 *
	 * @param result the function, the shape and the events
	 * @param values the body's bytes, which now hold the results
	 */
	record InPlace(InPlaceResult result, LittleEndianValues values) implements TensorAnswer {

		@Override
		public long overflowAvoided() {
			return this.result.overflowAvoided();
		}

	}

}
