package com.mispost.usecase.closure;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static com.mispost.usecase.closure.HtmlElement.el;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder the staff pages are written with: whatever text goes in comes out as that text, and nothing more. */
class HtmlElementTest {

    @Test
    void textAndAttributeValuesAreEscaped() {
        assertThat(el("p", "muted").attr("title", "\"onmouseover=\"alert(1)").text("<script>'&</script>"))
                .hasToString("<p class=\"muted\" title=\"&quot;onmouseover=&quot;alert(1)\">&lt;script&gt;&#39;&amp;&lt;/script&gt;</p>");
    }

    @Test
    void elementsNestInTheOrderTheyAreAdded() {
        assertThat(el("p").text("by ").add(el("a").attr("href", "/x?a=1&b=2").text("it")).text(" · ").add(el("br")))
                .hasToString("<p>by <a href=\"/x?a=1&amp;b=2\">it</a> · <br></p>");
        assertThat(el("label").text("Your name").add(el("input").attr("name", "actor").attr("required").attr("rows", 3)))
                .hasToString("<label>Your name<input name=\"actor\" required rows=\"3\"></label>");
        assertThat(el("p").text(null).text("")).as("nothing to show adds nothing").hasToString("<p></p>");
        assertThat(el("html").document()).isEqualTo("<!doctype html><html></html>");
    }

    @Test
    void namesAreOursSoNoneThatCouldCarryMarkupIsTaken() {
        assertThatThrownBy(() -> el("p onclick=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> el("p").attr("title=\"x\" onclick", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> el("p").attr("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> el("input").text("x")).as("a void element has no content").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theStyleSheetIsWrittenAsItIsButCannotEndItsElement() {
        assertThat(HtmlElement.styleSheet("section>.button{margin:0}")).hasToString("<style>section>.button{margin:0}</style>");
        assertThatThrownBy(() -> HtmlElement.styleSheet("</style><script>alert(1)</script>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Read back as a browser reads it, any text is the same text, in an element, in a textarea and in
     * an attribute. (Carriage returns and NUL are left out: the HTML parser itself rewrites them.)
     */
    @Property(tries = 500)
    void anyTextReadsBackUnchanged(@ForAll @StringLength(max = 60) @Chars({'<', '>', '&', '"', '\'', '/', '=', ' ', '\n', ';', '#'})
                                   @CharRange(from = 'a', to = 'e') @CharRange(from = 0x00A0, to = 0x024F) String text) {
        Document page = Jsoup.parse(el("div").add(
                el("p").attr("id", "text").text(text),
                el("textarea").attr("id", "field").text(text),
                el("input").attr("id", "value").attr("value", text)).toString());
        assertThat(page.getElementById("text").wholeText()).isEqualTo(text);
        assertThat(page.getElementById("field").wholeText()).isEqualTo(text);
        assertThat(page.getElementById("value").val()).isEqualTo(text);
        assertThat(page.body().select("*")).as("body, div, p, textarea, input; nothing else").hasSize(5);
    }
}
