package ai.activation.explorer;

import java.util.Comparator;
import java.util.List;

import ai.activation.catalog.Activation;

/**
 * The groups the explorer lists the catalog in, in the order it lists them. The seed's
 * five functions come first, in the seed's order; every other function applied along an
 * axis falls in {@link #ALONG_AN_AXIS} by {@link Activation#alongAxis()}; the elementwise
 * rest are named here by family. A function in none of them lands in {@link #OTHER},
 * which {@code FunctionGroupTests} fails on, so a new catalog function cannot go
 * unplaced.
 */
enum FunctionGroup {

	/** The five functions the service started with. */
	SEED("The seed five", "The functions the service began with.",
			List.of("step", "sigmoid", "relu", "softmax", "identity")),

	/** Piecewise functions that pass x through for large x and bend or cut below. */
	RECTIFIERS("Rectifiers", "x for large x; a cap, a slope or an exponential below.",
			List.of("relu6", "leaky_relu", "prelu", "rrelu", "elu", "selu", "celu", "threshold", "thresholded_relu",
					"relu_squared")),

	/** x times a soft gate, or a smooth ramp. */
	SMOOTH_UNITS("Smooth units", "x times a soft gate of x, or a smooth ramp.",
			List.of("gelu", "silu", "mish", "softplus", "hardswish", "squareplus", "sparse_plus", "snake")),

	/** Functions that pull small values to zero. */
	SHRINKAGE("Shrinkage", "Small values pulled to zero.", List.of("hardshrink", "softshrink", "tanhshrink", "shrink")),

	/** Squashing functions with a bounded output, as used for gates. */
	GATES("Gates", "Squashing functions with a bounded output.",
			List.of("tanh", "hardtanh", "hardsigmoid", "softsign", "logsigmoid", "sparse_sigmoid")),

	/** The exponential and a logarithm built on it. */
	EXPONENTIALS("Exponentials", "The exponential, and log(1 - e^-x) computed without its cancellations.",
			List.of("exponential", "log1mexp")),

	/** Functions of a whole vector: each output depends on every element of its lane. */
	ALONG_AN_AXIS("Along an axis", "Functions of a whole vector, applied along one axis of a tensor.", List.of()),

	/** Not placed yet; never shown for a catalog that the tests accept. */
	OTHER("Other", "Functions not yet placed in a group.", List.of());

	private final String title;

	private final String description;

	/** The functions named for the group, in the order it lists them. */
	private final List<String> names;

	FunctionGroup(String title, String description, List<String> names) {
		this.title = title;
		this.description = description;
		this.names = names;
	}

	String title() {
		return this.title;
	}

	String description() {
		return this.description;
	}

	/**
	 * Places a function.
	 * @param function the function
	 * @return its group
	 */
	static FunctionGroup of(Activation function) {
		String name = function.canonicalName();
		if (SEED.names.contains(name)) {
			return SEED;
		}
		if (function.alongAxis()) {
			return ALONG_AN_AXIS;
		}
		for (FunctionGroup group : values()) {
			if (group.names.contains(name)) {
				return group;
			}
		}
		return OTHER;
	}

	/**
	 * Returns the functions of this group, those it names in its order, the ones placed
	 * by {@link Activation#alongAxis()} in catalog order.
	 * @param catalog the functions to choose from, in catalog order
	 * @return the functions of the group
	 */
	List<Activation> members(List<Activation> catalog) {
		return catalog.stream()
			.filter((function) -> of(function) == this)
			.sorted(Comparator.comparingInt((Activation function) -> {
				int position = this.names.indexOf(function.canonicalName());
				return (position >= 0) ? position : this.names.size();
			}))
			.toList();
	}

}
