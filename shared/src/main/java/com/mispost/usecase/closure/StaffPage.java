package com.mispost.usecase.closure;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static com.mispost.usecase.closure.HtmlElement.el;

/** The frame every page staff open shares (head, style sheet, one column that fits a phone), and how they read times. */
final class StaffPage {
    private StaffPage() {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A time as staff read it on the page: to the second, in UTC (the timeline compares across time zones). */
    static String time(Instant at) {
        return at == null ? "" : format(TIME, at);
    }

    static String minute(Instant at) {
        return format(MINUTE, at);
    }

    /** Whatever is stored is shown: a time the formatter cannot place (year 999999999) is written out as it is. */
    private static String format(DateTimeFormatter formatter, Instant at) {
        try {
            return formatter.format(at);
        } catch (DateTimeException e) {
            return at.toString();
        }
    }

    /** Phone first: one column, 16px text, buttons a thumb can hit (44px). */
    private static final String CSS = "body{font:16px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f5f6f8;color:#1d232b}"
            + "main{max-width:760px;margin:0 auto;padding:12px;overflow-wrap:anywhere}h1{font-size:1.35rem;margin:.4em 0;line-height:1.25}"
            + "h2{font-size:1.05rem;margin:.2em 0 .5em}section{background:#fff;border-radius:10px;padding:14px 16px;"
            + "margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}blockquote{margin:0;padding:10px 14px;"
            + "border-left:4px solid #c0392b;background:#fdf2f1;white-space:pre-wrap;word-wrap:break-word}"
            + ".badge{display:inline-block;padding:2px 8px;border-radius:999px;font-size:.8rem;font-weight:600;color:#fff}"
            + ".none,.low{background:#5b7083}.medium{background:#b9770e}.high{background:#c0392b}.critical{background:#7b241c}"
            + ".state{background:#1f6feb}ul{padding-left:1.2em}li{margin:.25em 0}.muted{color:#5b6673;font-size:.9rem}"
            + "button,.button{font:inherit;padding:10px 14px;border-radius:8px;border:0;background:#1f6feb;color:#fff;"
            + "cursor:pointer;margin:4px 6px 4px 0;text-decoration:none;display:inline-block}"
            + "button.secondary{background:#e6e9ee;color:#1d232b}input,textarea,select{font:inherit;width:100%;"
            + "box-sizing:border-box;padding:8px;margin:4px 0 10px;border:1px solid #c9ced6;border-radius:6px}"
            + ".draft{border:1px solid #e1e4e8;border-radius:8px;padding:10px;margin:8px 0}"
            + ".lint{color:#b9770e;font-size:.9rem}.ok{color:#1e7e34}.refused{border-left:4px solid #c0392b}"
            + "svg{width:100%;height:auto;display:block}.timeline{list-style:none;padding:0;margin:0}"
            + ".timeline li{padding:8px 0;border-bottom:1px solid #eef0f3;font-size:.95rem}.timeline time{display:block}"
            + ".detail{color:#3a434e}button,.button{min-height:44px;box-sizing:border-box}"
            + "@media (max-width:480px){section{padding:12px;margin:10px 0}.draft .button,.draft button,form button{width:100%;margin:6px 0 0}"
            + "section>.button{display:block;text-align:center;margin:8px 0}}";

    /** The whole page: its title, then what goes in the column. */
    static String document(String title, List<HtmlElement> body) {
        return el("html").attr("lang", "en").add(
                el("head").add(
                        el("meta").attr("charset", "utf-8"),
                        el("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1"),
                        el("meta").attr("name", "referrer").attr("content", "no-referrer"),
                        el("title").text(title + " · Mispost"),
                        HtmlElement.styleSheet(CSS)),
                el("body").add(el("main").add(body))).document();
    }

    static String document(String title, HtmlElement body) {
        return document(title, List.of(body));
    }
}
