package ai.activation.limits;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The limits on one request and on the work in flight, under {@code activation.limits}.
 * Each is answered with an RFC 9457 problem; docs/reliability.md lists them with their
 * answers.
 */
@ConfigurationProperties("activation.limits")
@Validated
public class LimitsProperties {

	/** The default of {@link #maxRank}. */
	public static final int DEFAULT_MAX_RANK = 8;

	/** The default of {@link #maxValues}: 2^22. */
	public static final int DEFAULT_MAX_VALUES = 4_194_304;

	/**
	 * The bytes of heap one value in flight is budgeted at, when the budget is derived.
	 */
	static final long BYTES_PER_VALUE_IN_FLIGHT = 32;

	/** The share of the heap the derived budget of values in flight may use. */
	static final double HEAP_SHARE_IN_FLIGHT = 0.5;

	/**
	 * The largest request body, counted in bytes as it is read, with or without a
	 * {@code Content-Length}. Larger bodies are answered 413, before reading when the
	 * {@code Content-Length} says so. Default 64MB (64 MiB).
	 */
	@NotNull
	private DataSize maxBodySize = DataSize.ofMegabytes(64);

	/**
	 * The most values (numbers) one request may hold. More are answered 413 as soon as
	 * the first value too many is read, without allocating for the rest. Default
	 * 4,194,304 (2^22).
	 */
	@Min(1)
	@Max(Integer.MAX_VALUE - 8)
	private int maxValues = DEFAULT_MAX_VALUES;

	/**
	 * The highest rank, the nesting depth of {@code values}. Deeper nesting is answered
	 * 400 with the pointer of the first array too deep. Default 8.
	 */
	@Min(1)
	private int maxRank = DEFAULT_MAX_RANK;

	/**
	 * The deepest nesting of JSON arrays and objects the parser takes, the enclosing
	 * object included; deeper is answered 400. A backstop behind {@link #maxRank}, which
	 * answers first with a pointer as long as this is at least {@code max-rank + 2}.
	 * Default 16.
	 */
	@Min(2)
	private int maxNestingDepth = 16;

	/**
	 * The longest number literal, in characters; longer is answered 400. A double needs
	 * at most 24 characters in its shortest form, so this leaves room for needlessly long
	 * but honest literals while keeping their parsing cheap. Default 1000.
	 */
	@Min(24)
	private int maxNumberLength = 1000;

	/**
	 * The longest JSON document, in bytes, as the parser counts it; longer is answered
	 * 400. A backstop behind {@link #maxBodySize}, which answers first with 413 when it
	 * is not larger. Default 64MB (64 MiB).
	 */
	@NotNull
	private DataSize maxDocumentLength = DataSize.ofMegabytes(64);

	/**
	 * The most values all requests together may hold in memory at once; a request that
	 * would exceed it is answered 503 with {@code Retry-After}. Unset by default, which
	 * derives it from the heap: half of {@code Runtime.maxMemory()} at 32 bytes per value
	 * (the values read, their output and the slack of growing arrays), e.g. 8,388,608 for
	 * {@code -Xmx512m}.
	 */
	@Min(1)
	private Long inFlightValues;

	/**
	 * What a 503 for overload tells the caller to wait in its {@code Retry-After} header,
	 * in whole seconds. Default 1s.
	 */
	@NotNull
	private Duration retryAfter = Duration.ofSeconds(1);

	/**
	 * The slowest a request body may arrive, in bytes per second, averaged from the end
	 * of the headers: past {@link #bodyGracePeriod}, a request that has received fewer
	 * than {@code min-body-rate × (elapsed - body-grace-period)} bytes is answered 408
	 * and its connection closed. A deadline that grows with the data received, as Apache
	 * httpd's {@code mod_reqtimeout} {@code MinRate} does. Default 16KB (16 KiB/s, 128
	 * kbit/s): a 64 MiB body needs 68 minutes at that rate.
	 */
	@NotNull
	private DataSize minBodyRate = DataSize.ofKilobytes(16);

	/**
	 * How long a body may take before {@link #minBodyRate} applies, and the longest pause
	 * between two reads of a body (Tomcat's {@code connectionUploadTimeout}); a longer
	 * pause is answered 408. Default 10s.
	 */
	@NotNull
	private Duration bodyGracePeriod = Duration.ofSeconds(10);

	/**
	 * The most requests that may wait on the network for their body at once, each holding
	 * a request thread in a blocking read. A request whose body is not already in the
	 * server's buffer when it is read needs one of these places for as long as its body
	 * takes; with none free it is answered 503 with {@code Retry-After} and its
	 * connection closed, leaving the other request threads to requests whose body has
	 * arrived. Keep it below {@code server.tomcat.threads.max} (200). Default 100.
	 */
	@Min(1)
	private int maxWaitingBodies = 100;

	/**
	 * The size of the buffer through which Tomcat writes to a connection's socket
	 * ({@code socket.appWriteBufSize}, 8 KiB by Tomcat's default; its HTTP connector
	 * reference, tomcat.apache.org/tomcat-11.0-doc/config/http.html). Every answer passes
	 * through it one buffer at a time, one system call each: at 8 KiB a 1M-value float64
	 * answer takes 1,000 writes, and a 1M-value binary call is 1.4 times faster at 32 KiB
	 * (docs/performance.md, issue 12). The read buffer stays at Tomcat's 8 KiB: a larger
	 * one makes Tomcat answer a request line longer than
	 * {@code server.max-http-request-header-size} with 431 instead of 414. The buffer is
	 * allocated for every open connection, idle ones included, so
	 * {@code server.tomcat.max-connections} times this is heap that open connections may
	 * take: 2,048 × (8 + 32) KiB = 80 MiB with the shipped settings, less than Tomcat's
	 * defaults (8,192 × 16 KiB = 128 MiB). From 8KB to 1MB. Default 32KB.
	 */
	@NotNull
	private DataSize socketWriteBufferSize = DataSize.ofKilobytes(32);

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public int getMaxValues() {
		return this.maxValues;
	}

	public void setMaxValues(int maxValues) {
		this.maxValues = maxValues;
	}

	public int getMaxRank() {
		return this.maxRank;
	}

	public void setMaxRank(int maxRank) {
		this.maxRank = maxRank;
	}

	public int getMaxNestingDepth() {
		return this.maxNestingDepth;
	}

	public void setMaxNestingDepth(int maxNestingDepth) {
		this.maxNestingDepth = maxNestingDepth;
	}

	public int getMaxNumberLength() {
		return this.maxNumberLength;
	}

	public void setMaxNumberLength(int maxNumberLength) {
		this.maxNumberLength = maxNumberLength;
	}

	public DataSize getMaxDocumentLength() {
		return this.maxDocumentLength;
	}

	public void setMaxDocumentLength(DataSize maxDocumentLength) {
		this.maxDocumentLength = maxDocumentLength;
	}

	public Long getInFlightValues() {
		return this.inFlightValues;
	}

	public void setInFlightValues(Long inFlightValues) {
		this.inFlightValues = inFlightValues;
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	public void setRetryAfter(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	public DataSize getMinBodyRate() {
		return this.minBodyRate;
	}

	public void setMinBodyRate(DataSize minBodyRate) {
		this.minBodyRate = minBodyRate;
	}

	public Duration getBodyGracePeriod() {
		return this.bodyGracePeriod;
	}

	public void setBodyGracePeriod(Duration bodyGracePeriod) {
		this.bodyGracePeriod = bodyGracePeriod;
	}

	public DataSize getSocketWriteBufferSize() {
		return this.socketWriteBufferSize;
	}

	public void setSocketWriteBufferSize(DataSize socketWriteBufferSize) {
		if (socketWriteBufferSize != null
				&& (socketWriteBufferSize.toBytes() < 8 * 1024 || socketWriteBufferSize.toBytes() > 1024 * 1024)) {
			throw new IllegalArgumentException(
					"activation.limits.socket-write-buffer-size must be from 8KB to 1MB, not " + socketWriteBufferSize);
		}
		this.socketWriteBufferSize = socketWriteBufferSize;
	}

	public int getMaxWaitingBodies() {
		return this.maxWaitingBodies;
	}

	public void setMaxWaitingBodies(int maxWaitingBodies) {
		this.maxWaitingBodies = maxWaitingBodies;
	}

	/**
	 * Returns the budget of values in flight: the configured one, or the one derived from
	 * the heap.
	 * @param maxMemory the most heap the JVM will use, {@code Runtime.maxMemory()}
	 * @return the budget, at least 1
	 */
	long inFlightValues(long maxMemory) {
		if (this.inFlightValues != null) {
			return this.inFlightValues;
		}
		return Math.max(1, (long) (maxMemory * HEAP_SHARE_IN_FLIGHT) / BYTES_PER_VALUE_IN_FLIGHT);
	}

}
