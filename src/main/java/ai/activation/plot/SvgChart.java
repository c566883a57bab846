package ai.activation.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a {@link Curve} with JFreeChart into SVG with JFreeSVG: axes with ticks and
 * gridlines, the zero lines, a title and caption lines below the plot. The curve is one
 * path of all its sample points, broken where a value is left out.
 *
 * <p>
 * The output is the same bytes for the same input on the same machine: no timestamps,
 * fixed element ids, coordinates and labels written without the JVM's locale. Text is
 * laid out with the JVM's font metrics, so a machine with other fonts places it a little
 * differently; the JVM needs a font at all (Debian: {@code fontconfig} and
 * {@code fonts-dejavu-core}, which {@code openjdk-17-jre-headless} pulls in) and runs
 * headless.
 */
final class SvgChart {

	private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

	/**
	 * The prefix of the ids of clip paths and other definitions, fixed for determinism.
	 */
	private static final String DEFS_PREFIX = "plot-";

	/** The id of the root {@code svg} element. */
	private static final String SVG_ID = "activation-plot";

	private static final Color CURVE = new Color(0x1f, 0x5f, 0xbf);

	/** The colour of the gridlines. */
	static final Color GRID = new Color(0xd0, 0xd0, 0xd0);

	/** The colour of the lines at x = 0 and y = 0, drawn over the gridlines there. */
	static final Color ZERO_LINE = new Color(0x60, 0x60, 0x60);

	/** The colour of the second curve, e.g. the derivative beside the function. */
	private static final Color SECOND_CURVE = new Color(0xd9, 0x5f, 0x0e);

	private static final float CURVE_WIDTH = 2.0f;

	private static final float GRID_WIDTH = 0.5f;

	private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

	/** The y range is widened by this fraction of the values' span at each end. */
	private static final double Y_MARGIN = 0.05;

	/** The half-height of the y range around a constant curve, relative to its value. */
	private static final double FLAT_MARGIN = 0.1;

	private SvgChart() {
	}

	/**
	 * Draws a curve.
	 * @param title the title, above the plot
	 * @param curve the curve
	 * @param captions the lines below the plot, top down
	 * @param range the x range, drawn edge to edge
	 * @param width the image width in pixels
	 * @param height the image height in pixels
	 * @return the SVG document, UTF-8
	 */
	static byte[] draw(String title, Curve curve, List<String> captions, PlotRange range, int width, int height) {
		return draw(title, List.of(curve), captions, range, width, height);
	}

	/**
	 * Draws one or two curves on the same axes: the first solid, the second dashed in a
	 * second colour, with a legend naming them when there are two.
	 * @param title the title, above the plot
	 * @param curves the curves, sampled at the same points
	 * @param captions the lines below the plot, top down
	 * @param range the x range, drawn edge to edge
	 * @param width the image width in pixels
	 * @param height the image height in pixels
	 * @return the SVG document, UTF-8
	 */
	static byte[] draw(String title, List<Curve> curves, List<String> captions, PlotRange range, int width,
			int height) {
		XYSeriesCollection dataset = new XYSeriesCollection();
		for (Curve curve : curves) {
			XYSeries series = new XYSeries(curve.label(), false, true);
			for (int i = 0; i < curve.x().length; i++) {
				series.add(curve.x()[i], curve.y()[i]);
			}
			dataset.addSeries(series);
		}
		NumberAxis xAxis = axis("x");
		xAxis.setRange(range.from(), range.to());
		NumberAxis yAxis = axis((curves.size() == 1) ? curves.get(0).label() : "y");
		double[] yRange = yRange(curves.stream().flatMapToDouble((curve) -> Arrays.stream(curve.y())).toArray());
		yAxis.setRange(yRange[0], yRange[1]);

		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		renderer.setDrawSeriesLineAsPath(true);
		renderer.setSeriesPaint(0, CURVE);
		renderer.setSeriesStroke(0, new BasicStroke(CURVE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		renderer.setSeriesPaint(1, SECOND_CURVE);
		renderer.setSeriesStroke(1, new BasicStroke(CURVE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
				new float[] { 6f, 4f }, 0f));

		XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
		plot.setBackgroundPaint(Color.WHITE);
		BasicStroke grid = new BasicStroke(GRID_WIDTH);
		plot.setDomainGridlinePaint(GRID);
		plot.setDomainGridlineStroke(grid);
		plot.setRangeGridlinePaint(GRID);
		plot.setRangeGridlineStroke(grid);
		plot.setDomainZeroBaselineVisible(true);
		plot.setDomainZeroBaselinePaint(ZERO_LINE);
		plot.setRangeZeroBaselineVisible(true);
		plot.setRangeZeroBaselinePaint(ZERO_LINE);

		JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, curves.size() > 1);
		chart.setBackgroundPaint(Color.WHITE);
		// JFreeChart stacks bottom subtitles from the image's edge inwards.
		for (int i = captions.size() - 1; i >= 0; i--) {
			TextTitle line = new TextTitle(captions.get(i), CAPTION_FONT);
			line.setPosition(RectangleEdge.BOTTOM);
			chart.addSubtitle(line);
		}

		SVGGraphics2D g2 = new SVGGraphics2D(width, height);
		g2.setDefsKeyPrefix(DEFS_PREFIX);
		g2.setGeomDoubleConverter(SvgChart::coordinate);
		g2.setTransformDoubleConverter(SvgChart::coordinate);
		chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
		return (XML_DECLARATION + g2.getSVGElement(SVG_ID)).getBytes(StandardCharsets.UTF_8);
	}

	private static NumberAxis axis(String label) {
		NumberAxis axis = new NumberAxis(label);
		axis.setStandardTickUnits(new ReadableTickUnits());
		axis.setAutoRangeIncludesZero(false);
		return axis;
	}

	/**
	 * The y range: the finite values with a margin; a constant curve gets a band around
	 * its value, no values at all the band [-1, 1]. The range's length must be a finite
	 * double for the axis: without the margin if need be, clipped to [-MAX/2, MAX/2] as a
	 * last resort (no catalog function spans that far within the x bound).
	 */
	private static double[] yRange(double[] y) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (double value : y) {
			if (!Double.isNaN(value)) {
				min = Math.min(min, value);
				max = Math.max(max, value);
			}
		}
		if (min > max) {
			return new double[] { -1, 1 };
		}
		double span = max - min;
		double margin = (span > 0) ? Y_MARGIN * span : Math.max(1, Math.abs(min) * FLAT_MARGIN);
		return new double[] { min - margin, max + margin };
	}

	/** Two decimals are a hundredth of a pixel, in the same notation in every locale. */
	private static String coordinate(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
