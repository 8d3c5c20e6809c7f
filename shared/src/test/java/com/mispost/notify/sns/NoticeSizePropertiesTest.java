package com.mispost.notify.sns;

import com.mispost.notify.HostileNotices;
import com.mispost.notify.HostileText;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeBudget;
import com.mispost.notify.SmsText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every notice fits what SNS accepts, whatever was posted: the whole publish (the JSON document of
 * per-protocol texts, escaped once for email and default and twice for the queue, with the subject
 * and attributes) as SNS counts it, in UTF-8 bytes, for posts up to the 64 KiB text limit made of
 * the characters that cost most (quotes, backslashes, controls, emoji), long names and many reasons.
 */
class NoticeSizePropertiesTest {
    @Provide
    Arbitrary<HostileNotices.Parts> parts() {
        return HostileNotices.parts(65_536, 40, 20_000, 60, 400);
    }

    @Property(tries = 60)
    void everyFormOfEveryNoticeFitsInOnePublish(@ForAll("parts") HostileNotices.Parts parts) {
        for (Notice n : HostileNotices.all(parts)) assertFits(n);
    }

    @Test
    void theWorstCaseForEscapingFitsToo() {
        // 64 KiB of the characters JSON escapes to the most bytes, twice over: quotes, backslashes, controls.
        for (String unit : new String[]{"\"", "\\", "\u0001", "\"\\\u0001😀", "\u2028"}) {
            String worst = unit.repeat(65_536 / unit.length());
            for (Notice n : HostileNotices.all(new HostileNotices.Parts(worst, worst, worst, worst, worst, worst, 60, 400, false))) {
                assertFits(n);
            }
        }
    }

    private static void assertFits(Notice n) {
        String message = SnsStaffNotifier.message(n);
        int bytes = SnsStaffNotifier.publishedBytes(n.subject(), message, SnsStaffNotifier.attributes(n));
        assertThat(bytes).as("%s: %d bytes", n.id(), bytes).isLessThanOrEqualTo(NoticeBudget.SNS_MESSAGE_MAX);
        assertThat(NoticeBudget.jsonBytes(n.body(), 2)).isLessThanOrEqualTo(NoticeBudget.BODY_MAX_BYTES);
        assertThat(SmsText.fits(n.sms())).as("sms of %s: %s", n.id(), n.sms()).isTrue();
    }
}
