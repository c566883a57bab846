package ai.activation.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The budget of values in flight, without HTTP.
 */
class InFlightValuesTests {

	@Test
	void reservationsUpToTheCapacitySucceedAndTheNextOneIsRefusedWithRetryAfter() {
		InFlightValues budget = new InFlightValues(1000, Duration.ofMillis(1500));
		try (InFlightValues.Lease lease = budget.open()) {
			budget.reserve(600);
			budget.reserve(400);
			assertThat(budget.inUse()).isEqualTo(1000);
			assertThatExceptionOfType(ServiceOverloadedException.class).isThrownBy(() -> budget.reserve(1))
				.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503))
				.satisfies((ex) -> assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2"));
			assertThat(budget.inUse()).isEqualTo(1000);
		}
		assertThat(budget.inUse()).isZero();
	}

	@Test
	void closingALeaseGivesBackOnlyWhatItHeld() throws Exception {
		InFlightValues budget = new InFlightValues(1000, Duration.ofSeconds(1));
		Thread other = new Thread(() -> {
			budget.open();
			budget.reserve(300);
		});
		other.start();
		other.join();
		try (InFlightValues.Lease lease = budget.open()) {
			budget.reserve(700);
			assertThat(budget.inUse()).isEqualTo(1000);
		}
		assertThat(budget.inUse()).isEqualTo(300);
	}

	@Test
	void outsideALeaseNothingIsReserved() {
		InFlightValues budget = new InFlightValues(10, Duration.ofSeconds(1));
		budget.reserve(1_000_000);
		assertThat(budget.inUse()).isZero();
	}

	@Test
	void theDerivedBudgetIsHalfTheHeapAtThirtyTwoBytesPerValue() {
		LimitsProperties limits = new LimitsProperties();
		assertThat(limits.inFlightValues(512L * 1024 * 1024)).isEqualTo(8_388_608);
		limits.setInFlightValues(1234L);
		assertThat(limits.inFlightValues(512L * 1024 * 1024)).isEqualTo(1234);
	}

}
