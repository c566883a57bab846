package ai.activation.plot;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graph's SVG parsed as XML, with what the tests read from it: the texts, the curve's
 * points in pixels, and the axes' mapping from values to pixels recovered from the tick
 * labels and the tick marks, so that a curve can be checked against values computed
 * without the code under test.
 */
final class SvgDocument {

	private static final Pattern POINT = Pattern.compile("([ML])(-?\\d+(?:\\.\\d+)?),(-?\\d+(?:\\.\\d+)?)");

	/**
	 * Moves and lines only; a plain character class, as a group repeated 400 times
	 * overflows the stack.
	 */
	private static final Pattern POLYLINE = Pattern.compile("M[ML\\d.,-]+");

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:E[+-]?\\d+)?");

	/** Gridlines span the plot. */
	private static final double MIN_GRIDLINE_LENGTH = 100;

	/** Tick marks are a few pixels long. */
	private static final double MAX_TICK_MARK_LENGTH = 10;

	private final Document document;

	private SvgDocument(Document document) {
		this.document = document;
	}

	/**
	 * Parses an SVG document, failing the test if it is not well-formed XML with an
	 * {@code svg} root.
	 */
	static SvgDocument parse(String svg) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			DocumentBuilder builder = factory.newDocumentBuilder();
			Document document = builder.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
			assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
			assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
			return new SvgDocument(document);
		}
		catch (Exception ex) {
			throw new AssertionError("Not well-formed SVG: " + ex.getMessage(), ex);
		}
	}

	/** Returns the content of every {@code text} element, in document order. */
	List<String> texts() {
		List<String> texts = new ArrayList<>();
		for (Element text : elements("text")) {
			texts.add(text.getTextContent());
		}
		return texts;
	}

	/**
	 * Returns the curve: the one path drawn with straight segments only (glyphs have
	 * curves, clip paths close), as its points in pixels; a break in the curve starts
	 * with a move.
	 */
	List<Point> curve() {
		List<String> polylines = new ArrayList<>();
		for (Element path : elements("path")) {
			String d = path.getAttribute("d");
			if (POLYLINE.matcher(d).matches()) {
				polylines.add(d);
			}
		}
		assertThat(polylines).as("paths of straight segments").hasSize(1);
		List<Point> points = new ArrayList<>();
		Matcher matcher = POINT.matcher(polylines.get(0));
		while (matcher.find()) {
			points.add(new Point(matcher.group(1).equals("M"), Double.parseDouble(matcher.group(2)),
					Double.parseDouble(matcher.group(3))));
		}
		return points;
	}

	/**
	 * Returns the mapping of the x axis, from its numeric tick labels (the row of labels
	 * that share one baseline) paired in order with its tick marks.
	 */
	Axis xAxis() {
		List<Element> labels = numericLabels();
		String row = xRow(labels);
		return new Axis(values(labels.stream().filter((label) -> label.getAttribute("y").equals(row)).toList()),
				tickMarks(true));
	}

	/**
	 * Returns the mapping of the y axis, from the numeric tick labels off the x axis' row
	 * paired in order with the horizontal gridlines, whose pixels grow downwards.
	 */
	Axis yAxis() {
		List<Element> labels = numericLabels();
		String row = xRow(labels);
		List<Double> pixels = new ArrayList<>(tickMarks(false));
		pixels.sort(Comparator.reverseOrder());
		return new Axis(values(labels.stream().filter((label) -> !label.getAttribute("y").equals(row)).toList()),
				pixels);
	}

	/** The baseline shared by the most numeric labels: the x axis' row. */
	private static String xRow(List<Element> labels) {
		return labels.stream()
			.map((label) -> label.getAttribute("y"))
			.max(Comparator.comparingLong((y) -> labels.stream().filter((l) -> l.getAttribute("y").equals(y)).count()))
			.orElseThrow();
	}

	private static List<Double> values(List<Element> labels) {
		return labels.stream().map((label) -> Double.parseDouble(label.getTextContent())).sorted().toList();
	}

	private List<Element> numericLabels() {
		return elements("text").stream().filter((text) -> NUMBER.matcher(text.getTextContent()).matches()).toList();
	}

	/**
	 * Returns the distinct positions of the lines across the plot in one direction: the
	 * gridlines, and the zero line that JFreeChart draws instead of the gridline at 0.
	 * @param vertical {@code true} for the x positions of vertical lines, {@code false}
	 * for the y positions of horizontal ones
	 */
	List<Double> gridlines(boolean vertical) {
		TreeSet<Double> positions = new TreeSet<>();
		for (Element line : elements("line")) {
			String style = line.getAttribute("style");
			if (style.contains(rgb(SvgChart.GRID)) || style.contains(rgb(SvgChart.ZERO_LINE))) {
				across(line, vertical, MIN_GRIDLINE_LENGTH, Double.MAX_VALUE).ifPresent(positions::add);
			}
		}
		return new ArrayList<>(positions);
	}

	/**
	 * The positions of the tick marks of one axis, in increasing order: the short lines
	 * across it, one per tick label, even at the plot's edges where a gridline may fall
	 * just outside.
	 */
	private List<Double> tickMarks(boolean vertical) {
		TreeSet<Double> positions = new TreeSet<>();
		for (Element line : elements("line")) {
			across(line, vertical, 0, MAX_TICK_MARK_LENGTH).ifPresent(positions::add);
		}
		return new ArrayList<>(positions);
	}

	private static Optional<Double> across(Element line, boolean vertical, double minLength, double maxLength) {
		double x1 = Double.parseDouble(line.getAttribute("x1"));
		double y1 = Double.parseDouble(line.getAttribute("y1"));
		double x2 = Double.parseDouble(line.getAttribute("x2"));
		double y2 = Double.parseDouble(line.getAttribute("y2"));
		double length = vertical ? Math.abs(y2 - y1) : Math.abs(x2 - x1);
		boolean straight = vertical ? (x1 == x2) : (y1 == y2);
		return (straight && length > minLength && length <= maxLength) ? Optional.of(vertical ? x1 : y1)
				: Optional.empty();
	}

	private static String rgb(java.awt.Color color) {
		return "rgb(" + color.getRed() + "," + color.getGreen() + "," + color.getBlue() + ")";
	}

	private List<Element> elements(String name) {
		NodeList nodes = this.document.getElementsByTagNameNS("http://www.w3.org/2000/svg", name);
		List<Element> elements = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			elements.add((Element) nodes.item(i));
		}
		return elements;
	}

	/**
	 * A point of a path.
	 *
	 * @param move whether the path moves to it rather than drawing a line to it
	 * @param x the x pixel
	 * @param y the y pixel, growing downwards
	 */
	record Point(boolean move, double x, double y) {
	}

	/**
	 * The linear map of an axis from values to pixels, as its ticks show it.
	 *
	 * @param values the tick values, increasing
	 * @param pixels the pixel of each tick, in the same order
	 */
	record Axis(List<Double> values, List<Double> pixels) {

		Axis {
			assertThat(values).as("tick labels vs tick marks %s", pixels).hasSameSizeAs(pixels).hasSizeGreaterThan(2);
		}

		/**
		 * Checks that every tick sits where the map through the first and last ticks puts
		 * it, within the hundredth of a pixel that the SVG is written with.
		 */
		Axis assertLinear() {
			for (int i = 0; i < this.values.size(); i++) {
				assertThat(pixel(this.values.get(i))).as("tick %s", this.values.get(i))
					.isCloseTo(this.pixels.get(i), org.assertj.core.api.Assertions.within(0.02));
			}
			return this;
		}

		/** Maps a value to its pixel through the first and last ticks. */
		double pixel(double value) {
			int last = this.values.size() - 1;
			double v0 = this.values.get(0);
			double p0 = this.pixels.get(0);
			// The fraction first: values may be near the largest double.
			return p0 + (value - v0) / (this.values.get(last) - v0) * (this.pixels.get(last) - p0);
		}

	}

}
