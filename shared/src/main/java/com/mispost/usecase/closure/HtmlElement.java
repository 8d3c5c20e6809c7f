package com.mispost.usecase.closure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTML element and what is in it, written out by {@link #toString()}. Text and attribute values
 * are escaped as they go in, so words from outside (post text, replies, names, reasons) can only
 * ever be text: there is no method that takes markup as a string. The one exception is the style
 * sheet ({@link #styleSheet}), which takes the pages' constant CSS.
 */
final class HtmlElement {
    /** Tag and attribute names come from our code; refusing anything else keeps a name from carrying markup. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
    /** Elements with no content and no end tag. */
    private static final Set<String> VOID = Set.of("br", "hr", "img", "input", "link", "meta");

    private final String tag;
    private final StringBuilder attributes = new StringBuilder();
    private final List<Object> content = new ArrayList<>(); // HtmlElement, or Markup already safe to write

    /** What may be written as it is: escaped text, or the style sheet. */
    private record Markup(String html) {
    }

    private HtmlElement(String tag) {
        this.tag = name(tag);
    }

    static HtmlElement el(String tag) {
        return new HtmlElement(tag);
    }

    /** An element with a class: {@code el("p", "muted")}. */
    static HtmlElement el(String tag, String cssClass) {
        return new HtmlElement(tag).attr("class", cssClass);
    }

    /** A {@code <style>} element. CSS is not escaped in HTML (a {@code >} there is a selector), so it takes only a constant. */
    static HtmlElement styleSheet(String css) {
        if (css.contains("<")) throw new IllegalArgumentException("a style sheet with '<' could end the <style> element");
        HtmlElement style = new HtmlElement("style");
        style.content.add(new Markup(css));
        return style;
    }

    HtmlElement attr(String name, String value) {
        attributes.append(' ').append(name(name)).append("=\"").append(escape(value)).append('"');
        return this;
    }

    HtmlElement attr(String name, long value) {
        return attr(name, Long.toString(value));
    }

    /** A boolean attribute such as {@code required}. */
    HtmlElement attr(String name) {
        attributes.append(' ').append(name(name));
        return this;
    }

    /** Text, escaped; null adds nothing. */
    HtmlElement text(String text) {
        if (text != null && !text.isEmpty()) contents().add(new Markup(escape(text)));
        return this;
    }

    HtmlElement text(long number) {
        return text(Long.toString(number));
    }

    HtmlElement add(HtmlElement... children) {
        return add(List.of(children));
    }

    HtmlElement add(List<HtmlElement> children) {
        contents().addAll(children);
        return this;
    }

    /** The whole page: this element (an {@code <html>}) after the doctype. */
    String document() {
        return "<!doctype html>" + this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256);
        write(out);
        return out.toString();
    }

    private void write(StringBuilder out) {
        out.append('<').append(tag).append(attributes).append('>');
        if (VOID.contains(tag)) return;
        for (Object part : content) {
            if (part instanceof HtmlElement child) child.write(out);
            else out.append(((Markup) part).html());
        }
        out.append("</").append(tag).append('>');
    }

    private List<Object> contents() {
        if (VOID.contains(tag)) throw new IllegalStateException("<" + tag + "> has no content");
        return content;
    }

    private static String name(String name) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not an HTML name: " + name);
        return name;
    }

    /** The five characters that can end text or a quoted attribute value, or start markup or a reference. */
    private static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
