package ai.activation.engine;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Kernel;
import ai.activation.catalog.Parameter;
import ai.activation.catalog.Range;
import ai.activation.kernel.Finiteness;
import ai.activation.kernel.Tensor;

/**
 * A call whose function is found and whose arguments are bound and checked, bound to its
 * kernel, waiting for its tensors: what a protocol adapter holds between reading the
 * request line and reading the body, so that a bad name or parameter is answered before
 * the body is read. Made by {@link ActivationEngine#prepare}.
 */
public final class PreparedCall {

	/**
	 * The values {@link #applyInPlace} reads, computes and writes at once: 32 KiB of
	 * doubles, which stay in the core's cache between the three steps.
	 */
	static final int BLOCK = 4096;

	private final Activation function;

	private final Mode mode;

	private final Arguments arguments;

	private final Kernel kernel;

	private final ActivationEngine.CallRecorder recorder;

	PreparedCall(Activation function, Mode mode, Arguments arguments, ActivationEngine.CallRecorder recorder) {
		this.function = function;
		this.mode = mode;
		this.arguments = arguments;
		this.kernel = function.bind(arguments);
		this.recorder = recorder;
	}

	/**
	 * Returns the function.
	 * @return the function
	 */
	public Activation function() {
		return this.function;
	}

	/**
	 * Returns what the call computes.
	 * @return the mode
	 */
	public Mode mode() {
		return this.mode;
	}

	/**
	 * Returns the bound arguments, defaults filled in.
	 * @return the arguments
	 */
	public Arguments arguments() {
		return this.arguments;
	}

	/**
	 * Checks what depends on both the arguments and the input's shape: that the axis lies
	 * in {@code [−rank, rank)} and that its length suits the function, e.g. even for GLU,
	 * which splits it in halves.
	 * @param shape the input's dimensions
	 * @throws InvalidParameterException if the axis is out of range or its length does
	 * not suit the function
	 * @throws InvalidBodyException if the function takes other ranks only
	 * ({@link Activation#ranks()})
	 */
	public void check(int[] shape) {
		List<Integer> ranks = this.function.ranks();
		if (!ranks.isEmpty() && !ranks.contains(shape.length)) {
			throw new InvalidBodyException(this.function.canonicalName() + " takes values of rank "
					+ ranks.stream().map(String::valueOf).collect(Collectors.joining(" or ")) + " only, but 'values' "
					+ "has rank " + shape.length + " (shape " + Arrays.toString(shape) + ").",
					"/" + ValuesPointer.VALUES);
		}
		for (Parameter parameter : this.function.parameters()) {
			if (parameter.type() == Parameter.Type.AXIS && this.arguments.asMap().get(parameter.name()) != null) {
				checkAxis(parameter, this.arguments.axis(), shape);
			}
			if (parameter.type() == Parameter.Type.AXES) {
				checkAxes(parameter, shape);
			}
		}
		this.kernel.shapeFault(shape).ifPresent((fault) -> {
			throw new InvalidParameterException(fault.parameter(), fault.allowed(), fault.detail())
				.with("axis", fault.axis())
				.with("axisLength", fault.axisLength());
		});
	}

	/** Each axis of a list within the rank, and no axis named twice. */
	private void checkAxes(Parameter parameter, int[] shape) {
		int[] axes = this.arguments.axes();
		boolean[] named = new boolean[shape.length];
		for (int axis : axes) {
			checkAxis(parameter, axis, shape);
			int resolved = (axis < 0) ? axis + shape.length : axis;
			if (named[resolved]) {
				throw new InvalidParameterException(parameter.name(), parameter.allowed(),
						"The axes " + Arrays.toString(axes) + " name axis " + resolved + " of values of rank "
								+ shape.length + " twice; name each axis once.");
			}
			named[resolved] = true;
		}
	}

	private void checkAxis(Parameter parameter, int axis, int[] shape) {
		int rank = shape.length;
		if (axis < -rank || axis >= rank) {
			throw new InvalidParameterException(parameter.name(), parameter.allowed(),
					"Axis " + axis + " is out of range for values of rank " + rank + " (shape " + Arrays.toString(shape)
							+ "); use an integer in [" + -rank + ", " + rank + ").");
		}
		int length = shape[(axis < 0) ? axis + rank : axis];
		int multiple = this.kernel.lengthMultiple();
		if (length % multiple != 0) {
			throw new InvalidParameterException(parameter.name(),
					parameter.allowed() + ", along which the length is a multiple of " + multiple,
					this.function.canonicalName() + " needs the length of axis " + axis + " to be a multiple of "
							+ multiple + " (" + this.function.summary() + "), but it is " + length + " (shape "
							+ Arrays.toString(shape) + ").")
				.with("axis", axis)
				.with("axisLength", length);
		}
	}

	/**
	 * Returns the shape the upstream gradient of a {@link Mode#GRADIENT} call has: the
	 * output's, which is the input's except along GLU's axis, which it halves.
	 * @param shape the input's dimensions
	 * @return the gradient's dimensions
	 * @throws InvalidParameterException as {@link #check(int[])}
	 */
	public int[] gradShape(int[] shape) {
		check(shape);
		return this.kernel.outputShape(shape);
	}

	/**
	 * Returns the length {@code n} of an input vector that, followed by its upstream
	 * gradient (as long as the output for a vector of {@code n}), makes {@code total}
	 * values: {@code total / 2} for most functions, {@code 2 total / 3} for GLU.
	 * @param total the number of values of both tensors
	 * @return the input's length, or {@code -1} if no vector fits
	 */
	public int vectorLength(long total) {
		// n + |output(n)| grows strictly with n: search for the n that makes total.
		long low = 1;
		long high = total;
		while (low <= high) {
			long n = (low + high) >>> 1;
			long sum = n + this.kernel.outputShape(new int[] { (int) n })[0];
			if (sum == total) {
				return (int) n;
			}
			if (sum < total) {
				low = n + 1;
			}
			else {
				high = n - 1;
			}
		}
		return -1;
	}

	/**
	 * Runs the call: checks the shapes, runs the kernel into a new array, refuses a
	 * result that is not finite, and records what it computed.
	 * @param values the input, finite; not modified
	 * @param grad for {@link Mode#GRADIENT}, the upstream gradient, finite, with the
	 * output's shape, or {@code null} for ones where the function is elementwise; for
	 * {@link Mode#VALUE}, {@code null}
	 * @return the result: the value, with the output's shape, or the vector-Jacobian
	 * product, with the input's
	 * @throws InvalidParameterException if the axis does not suit the input
	 * @throws InvalidBodyException if {@code grad} is missing where it is needed, given
	 * where it is not, or of the wrong shape
	 * @throws ResultOutOfRangeException if a true result lies outside the range of a
	 * double
	 */
	public ActivationResult apply(Tensor values, Tensor grad) {
		return apply(values, grad, null);
	}

	/**
	 * Tells whether the function takes a mask: the softmax family, logsumexp and
	 * logmeanexp.
	 * @return {@code true} if {@link #apply(Tensor, Tensor, Tensor)} takes a mask
	 */
	public boolean takesMask() {
		return this.kernel.maskRule() != null;
	}

	/**
	 * Runs the call, as {@link #apply(Tensor, Tensor)}, on the unmasked elements only
	 * when a mask is given: as JAX's {@code where}, masked elements take no part and
	 * answer 0 (each function's {@link ai.activation.catalog.Activation#maskRule()} says
	 * what it does).
	 * @param values the input, finite; not modified
	 * @param grad as for {@link #apply(Tensor, Tensor)}
	 * @param mask 1 where an element takes part and 0 where it is masked, with the
	 * input's shape; or {@code null} for none
	 * @return the result
	 * @throws InvalidBodyException as {@link #apply(Tensor, Tensor)}, and if a mask is
	 * given to a function that takes none, has another shape than the input, or masks
	 * every element of a lane
	 * @throws InvalidParameterException if the axis does not suit the input
	 * @throws ResultOutOfRangeException if a true result lies outside the range of a
	 * double
	 */
	public ActivationResult apply(Tensor values, Tensor grad, Tensor mask) {
		if (mask != null) {
			checkMask(values, mask);
		}
		check(values.shape());
		int[] outputShape = this.kernel.outputShape(values.shape());
		double[] out;
		long events;
		int[] shape;
		if (this.mode == Mode.VALUE) {
			if (grad != null) {
				throw new InvalidBodyException("A value call takes no 'grad'; send it to the gradient of "
						+ this.function.canonicalName() + ".", "/" + ValuesPointer.GRAD);
			}
			shape = outputShape;
			out = new double[count(shape)];
			events = (mask != null) ? this.kernel.value(values, mask, out) : this.kernel.value(values, out);
		}
		else {
			checkGrad(values, grad, outputShape);
			shape = values.shape().clone();
			out = new double[values.values().length];
			events = (mask != null) ? this.kernel.vjp(values, mask, grad.values(), out)
					: this.kernel.vjp(values, (grad != null) ? grad.values() : null, out);
		}
		int bad = Finiteness.first(out);
		if (bad >= 0) {
			throw nonFiniteResult(bad, values.values()[bad], shape);
		}
		this.recorder.record(this.function, this.mode, values.values().length, events);
		return new ActivationResult(this.function, new Tensor(out, shape), events);
	}

	/**
	 * Tells whether {@link #applyInPlace} can run the call: a value of a function applied
	 * to each element alike.
	 * @return {@code true} if it can
	 */
	public boolean runsInPlace() {
		return this.mode == Mode.VALUE && this.kernel.blockwise();
	}

	/**
	 * Runs the call on values held in their encoding, overwriting them with the results a
	 * block of {@value #BLOCK} at a time, so that the block stays in cache from reading
	 * through the kernel to writing. The answers, faults and counts are those of the
	 * codec's read, {@link #apply(Tensor, Tensor)} and the codec's write in turn, for the
	 * same values: an input that is not finite is answered first (400) wherever it is,
	 * then the first result that is not finite (422), then the first result the encoding
	 * cannot hold (422); so after a result fault the blocks after it are still read, and
	 * after one the encoding cannot hold they are still computed.
	 * @param values the input, overwritten with the results; not to be used after a fault
	 * @param shape the input's dimensions
	 * @return the function, the output's shape and the overflow-avoidance events
	 * @throws IllegalStateException if not {@link #runsInPlace()}
	 * @throws InvalidBodyException if a value is not finite
	 * @throws InvalidParameterException if the function does not take the shape
	 * @throws OutsideDomainException if a value is outside the function's domain
	 * @throws ResultOutOfRangeException if a result is beyond the range of a double or of
	 * the encoding
	 */
	public InPlaceResult applyInPlace(EncodedValues values, int[] shape) {
		if (!runsInPlace()) {
			throw new IllegalStateException(this.function.canonicalName() + " does not run in place");
		}
		check(shape);
		int n = values.count();
		double[] block = new double[Math.min(BLOCK, n)];
		long events = 0;
		RuntimeException resultFault = null;
		boolean onlyUnheld = false;
		for (int from = 0; from < n; from += BLOCK) {
			int length = Math.min(BLOCK, n - from);
			if (length != block.length) {
				block = new double[length];
			}
			values.read(from, block, length);
			int bad = Finiteness.first(block);
			if (bad >= 0) {
				throw InvalidBodyException.nonFinite(ValuesPointer.VALUES, from + bad, block[bad], shape);
			}
			if (resultFault != null && !onlyUnheld) {
				// a result is not finite: only a later input that is not finite comes
				// first
				continue;
			}
			events += this.kernel.valueOfBlock(block);
			if (resultFault == null && values.writeIfFinite(from, block, length)) {
				continue;
			}
			int notFinite = Finiteness.first(block);
			if (notFinite >= 0) {
				double[] x = new double[1];
				values.read(from + notFinite, x, 1);
				resultFault = nonFiniteResult(from + notFinite, x[0], shape);
				onlyUnheld = false;
			}
			else if (resultFault == null) {
				int unheld = values.firstUnheld(block, length);
				if (unheld < 0) {
					throw new IllegalStateException("the encoding refused finite results it says it holds");
				}
				String pointer = ValuesPointer.of(from + unheld, shape);
				resultFault = new ResultOutOfRangeException(pointer,
						values.unheld(this.function.canonicalName(), block[unheld], pointer));
				onlyUnheld = true;
			}
		}
		if (resultFault != null) {
			throw resultFault;
		}
		this.recorder.record(this.function, this.mode, n, events);
		return new InPlaceResult(this.function, shape.clone(), events);
	}

	/**
	 * The fault of a result that is not finite: the input outside the function's domain,
	 * or the true result beyond the range of a double.
	 * @param index the result's row-major index
	 * @param x the input at that index, for an elementwise function; ignored otherwise
	 * @param shape the output's dimensions
	 */
	private RuntimeException nonFiniteResult(int index, double x, int[] shape) {
		String pointer = ValuesPointer.of(index, shape);
		Range domain = this.function.domain();
		if (!domain.equals(Range.ANY) && !domain.contains(x)) {
			// elementwise (only those have a domain): the output index is the input's
			return new OutsideDomainException(pointer, this.function.canonicalName() + " is defined for x in " + domain
					+ ", and the element at " + pointer + " is " + x + ".");
		}
		return new ResultOutOfRangeException(pointer,
				this.kernel.outOfRange(this.function.canonicalName(), pointer, this.mode == Mode.GRADIENT));
	}

	/**
	 * Checks a mask before the kernel runs: that the function takes one, that it has the
	 * input's shape, and that no lane is fully masked (the lane is named by the pointer
	 * of its first element in the mask).
	 */
	private void checkMask(Tensor values, Tensor mask) {
		String name = this.function.canonicalName();
		String pointer = "/" + ValuesPointer.MASK;
		if (!takesMask()) {
			throw new InvalidBodyException(name + " takes no 'mask'; the functions that take one are "
					+ String.join(", ",
							Catalog.all()
								.stream()
								.filter((f) -> f.maskRule().isPresent())
								.map(Activation::canonicalName)
								.toList())
					+ ".", pointer);
		}
		if (!Arrays.equals(mask.shape(), values.shape())) {
			throw new InvalidBodyException("'mask' has shape " + Arrays.toString(mask.shape()) + ", but 'values' has "
					+ "shape " + Arrays.toString(values.shape()) + "; the mask must have the input's shape.", pointer);
		}
		check(values.shape());
		int first = this.kernel.firstEmptyLane(mask);
		if (first >= 0) {
			String at = ValuesPointer.of(ValuesPointer.MASK, first, mask.shape());
			int[] axes = this.arguments.axes();
			String along = (axes.length == 1) ? "axis " + axes[0] : "axes " + Arrays.toString(axes);
			throw new InvalidBodyException("Every element of the lane that starts at " + at + " along " + along
					+ " is masked (false), and " + name + " of no element has no value; "
					+ "leave at least one element of each lane unmasked.", at);
		}
	}

	private void checkGrad(Tensor values, Tensor grad, int[] outputShape) {
		String name = this.function.canonicalName();
		if (grad == null) {
			if (this.kernel.gradRequired()) {
				throw new InvalidBodyException(
						"The gradient of " + name + ", a function along an axis, needs the "
								+ "upstream gradient 'grad', with the output's shape " + Arrays.toString(outputShape)
								+ ": its vector-Jacobian product is taken with it; send {\"values\": X, \"grad\": G}.",
						"/" + ValuesPointer.GRAD);
			}
			return;
		}
		if (!Arrays.equals(grad.shape(), outputShape)) {
			boolean sameAsInput = Arrays.equals(outputShape, values.shape());
			throw new InvalidBodyException("'grad' has shape " + Arrays.toString(grad.shape()) + ", but the output of "
					+ name + " for values of shape " + Arrays.toString(values.shape()) + " has shape "
					+ Arrays.toString(outputShape) + (sameAsInput ? "" : " (the axis is halved)")
					+ ", which 'grad' must have.", "/" + ValuesPointer.GRAD);
		}
	}

	private static int count(int[] shape) {
		int count = 1;
		for (int dimension : shape) {
			count *= dimension;
		}
		return count;
	}

}
