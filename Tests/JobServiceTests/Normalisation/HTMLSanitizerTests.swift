import Foundation
import Testing

@testable import JobService

@Suite("HTML sanitiser: safe HTML")
struct HTMLSanitizerTests {
    static let linkRel = "rel=\"nofollow noopener noreferrer\""

    @Test(
        "scripts, styles and embedded documents go with their contents",
        arguments: [
            ("<p>Hi</p><script>alert(1)</script><p>There</p>", "<p>Hi</p><p>There</p>"),
            ("<style>p { color: red }</style><p>A</p>", "<p>A</p>"),
            ("<SCRIPT type=\"text/javascript\">alert(1)</SCRIPT ><p>A</p>", "<p>A</p>"),
            ("<script>var s = \"</scr\" + \"ipt><b>x</b>\";</script>OK", "OK"),
            ("<script>document.write('<p>')</script  >after", "after"),
            ("<iframe src=\"https://evil.example\"><p>inside</p></iframe><p>A</p>", "<p>A</p>"),
            ("<noscript><p>n</p></noscript><template><p>t</p></template><p>A</p>", "<p>A</p>"),
            ("<object data=\"x.swf\"><p>o</p></object><embed src=\"x.swf\"><p>A</p>", "<p>A</p>"),
            ("<svg><script>alert(1)</script><text>hidden</text></svg><p>shown</p>", "<p>shown</p>"),
            ("<svg><svg></svg><p>still svg</p></svg><p>shown</p>", "<p>shown</p>"),
            ("<math><mi>x</mi></math><p>A</p>", "<p>A</p>"),
            ("<p>a</p><svg/onload=alert(1)><p>swallowed by the open svg</p>", "<p>a</p>"),
            ("<title>Job</title><textarea><script>x</script></textarea><p>A</p>", "<p>A</p>"),
            ("<script>never closed <p>gone</p>", ""),
        ])
    func dropsActiveContent(input: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(input).html == expected)
    }

    @Test(
        "event handlers, styles and every other attribute go",
        arguments: [
            ("<img src=x onerror=alert(1)><p onclick=\"evil()\">Text</p>", "<p>Text</p>"),
            ("<p style=\"background:url(javascript:alert(1))\" class=\"x\" id=\"y\">Text</p>", "<p>Text</p>"),
            ("<b onmouseover=alert(1)>bold</b>", "<b>bold</b>"),
            ("<body onload=alert(1)><p>Text</p></body>", "<p>Text</p>"),
            ("<input autofocus onfocus=alert(1)><p>Text</p>", "<p>Text</p>"),
        ])
    func dropsAttributes(input: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(input).html == expected)
    }

    @Test(
        "script and relative URLs lose the link but keep its text, however they are disguised",
        arguments: [
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x61;script:alert(1)", "jav&#97;script:alert(1)",
            "&#106;avascript:alert(1)", "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)",
            "java&#x09;script:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", " \u{1}javascript:alert(1)",
            "javascript&colon;alert(1)", "&#0000106avascript:alert(1)", "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "//evil.example/x", "/jobs/1",
            "#top", "", "http:///evil", "https:\\\\evil.example",
        ])
    func refusesUnsafeLinks(href: String) {
        let output = HTMLSanitizer.sanitize("<p><a href=\"\(href)\">x</a></p>")
        #expect(output.html == "<p>x</p>")
        #expect(output.text == "x")
    }

    @Test("http, https and mailto links stay, re-escaped, with rel and nothing else")
    func keepsSafeLinks() {
        let html = HTMLSanitizer.sanitize(
            "<a href=\"https://jobs.example.com/a?b=1&amp;c=2\" target=\"_blank\" onclick=\"x()\">Apply</a> "
                + "<A HREF='MAILTO:jobs@example.com'>Mail</A> <a href=\"  http://example.com/\">Plain</a>"
        ).html
        #expect(
            html
                == "<a href=\"https://jobs.example.com/a?b=1&amp;c=2\" \(Self.linkRel)>Apply</a> "
                + "<a href=\"MAILTO:jobs@example.com\" \(Self.linkRel)>Mail</a> "
                + "<a href=\"http://example.com/\" \(Self.linkRel)>Plain</a>")
    }

    @Test("a quote or bracket inside a link can't break out of its attribute")
    func linkValuesAreEscaped() {
        let html = HTMLSanitizer.sanitize(
            "<a href='https://e.example/\"onmouseover=\"alert(1)' title=\"<script>\">t</a><a href=\"https://e.example/?q=>\">u</a>"
        ).html
        #expect(
            html
                == "<a href=\"https://e.example/&quot;onmouseover=&quot;alert(1)\" \(Self.linkRel)>t</a>"
                + "<a href=\"https://e.example/?q=&gt;\" \(Self.linkRel)>u</a>")
    }

    @Test(
        "comments, CDATA, doctypes and processing instructions are dropped",
        arguments: [
            ("<p>a<!-- <script>alert(1)</script> -->b</p>", "<p>ab</p>"),
            ("<p>a<![CDATA[<script>alert(1)</script>]]>b</p>", "<p>ab</p>"),
            ("<!DOCTYPE html><?xml version=\"1.0\"?><p>a</p>", "<p>a</p>"),
            ("<p>a<!-->b<!--->c</p>", "<p>abc</p>"),
            ("<p>a<!-- x --!>b</p>", "<p>ab</p>"),
            ("<p>a</p><!-- never closed <p>b</p>", "<p>a</p>"),
            ("<p>a</ 1>b</p>", "<p>ab</p>"),
        ])
    func dropsDeclarations(input: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(input).html == expected)
    }

    @Test(
        "unclosed and mis-nested tags come out balanced",
        arguments: [
            ("<ul><li>One<li>Two</ul><p>Para<b>bold", "<ul><li>One</li><li>Two</li></ul><p>Para<b>bold</b></p>"),
            ("<b><i>x</b>y</i>", "<b><i>x</i></b>y"),
            ("<p>one<p>two", "<p>one</p><p>two</p>"),
            ("<p>intro<ul><li>item</li></ul>", "<p>intro</p><ul><li>item</li></ul>"),
            ("<p>Hi <b", "<p>Hi </p>"),
            ("</p></li></b>text", "text"),
            (
                "<a href=\"https://a.example\">one<a href=\"https://b.example\">two</a>",
                "<a href=\"https://a.example\" \(linkRel)>one</a><a href=\"https://b.example\" \(linkRel)>two</a>"
            ),
            (
                "<table><tr><td>A<td>B<tr><td>C</table>",
                "<table><tr><td>A</td><td>B</td></tr><tr><td>C</td></tr></table>"
            ),
            ("<h1>Title</h2><h2>Sub</h1><h4>Small</h4>", "<h3>Title</h3><h3>Sub</h3><h4>Small</h4>"),
        ])
    func balancesTags(input: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(input).html == expected)
    }

    @Test("text is re-escaped and a lone < stays text")
    func escapesText() {
        let output = HTMLSanitizer.sanitize("<p>5 &lt; 6 &amp;&amp; \"quotes\" <b>&gt;</b> a < b</p>")
        #expect(output.html == "<p>5 &lt; 6 &amp;&amp; \"quotes\" <b>&gt;</b> a &lt; b</p>")
        #expect(output.text == "5 < 6 && \"quotes\" > a < b")
    }

    @Test("unknown tags go and their text stays, unlisted blocks on lines of their own")
    func unwrapsUnknownTags() {
        let output = HTMLSanitizer.sanitize(
            "<div><span style=\"x\">Hello</span></div><div>World <font color=red>again</font></div><section></section>")
        #expect(output.html == "Hello<br>World again")
        #expect(output.text == "Hello\nWorld again")
    }

    @Test("nesting stops at the maximum depth and stays balanced")
    func capsDepth() {
        let html = HTMLSanitizer.sanitize(String(repeating: "<b>", count: 1_000) + "deep").html
        let depth = HTMLSanitizer.maximumDepth
        #expect(html == String(repeating: "<b>", count: depth) + "deep" + String(repeating: "</b>", count: depth))
    }

    @Test("escaped HTML is unwrapped once, then sanitised")
    func unwrapsEscapedHTML() {
        let output = HTMLSanitizer.sanitize(
            "&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(output.html == "<p>Hello &amp; welcome</p>")
        #expect(output.text == "Hello & welcome")
    }

    @Test("hostile input is capped and read in linear time")
    func hostileInputIsBounded() {
        let vectors = [
            String(repeating: "<b><i>&amp;&#x61;<!--", count: 100_000),
            "<script>" + String(repeating: "</scrip", count: 100_000),
            String(repeating: "<", count: 1_000_000),
            String(repeating: "<a href=\"javascript:", count: 100_000),
            String(repeating: "&#x", count: 300_000) + String(repeating: "9", count: 300_000),
            String(repeating: "<p>x", count: 300_000),
        ]
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for vector in vectors {
                let output = HTMLSanitizer.sanitize(vector)
                #expect(output.text.count <= HTMLSanitizer.maximumInputLength)
            }
        }
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    @Test("text past the input cap is ignored")
    func capsInput() {
        let output = HTMLSanitizer.sanitize(
            "<p>" + String(repeating: "a", count: 300_000) + "</p><p>tail</p>")
        #expect(output.text == String(repeating: "a", count: HTMLSanitizer.maximumInputLength - 3))
        #expect(!output.html.contains("tail"))
        #expect(output.html.hasSuffix("a</p>"))
    }

    @Test("control characters are dropped from text")
    func dropsControlCharacters() {
        let output = HTMLSanitizer.sanitize("<p>a\u{0}b\u{7}c&#0;d</p>")
        #expect(output.html == "<p>abc\u{FFFD}d</p>")
        #expect(output.text == "abc\u{FFFD}d")
    }
}

@Suite("HTML sanitiser: plain text")
struct HTMLPlainTextTests {
    @Test("blocks become lines, list items bullets, at most one blank line")
    func layout() {
        let output = HTMLSanitizer.sanitize(
            "<h2>About</h2><p>We build.</p><h3>Requirements</h3><ul><li>Swift</li><li>Go</li></ul>"
                + "<p>Line<br>break</p>")
        #expect(output.text == "About\n\nWe build.\n\nRequirements\n\n• Swift\n• Go\n\nLine\nbreak")
    }

    @Test("whitespace collapses and empty blocks leave nothing")
    func collapsesWhitespace() {
        let output = HTMLSanitizer.sanitize(
            "<p>  lots   of\n\n spaces </p><p></p><p>&nbsp;</p><br><br><br><div></div><p>next</p>\n\n")
        #expect(output.text == "lots of spaces\n\nnext")
    }

    @Test("named and numeric references are decoded; unknown ones stay as written")
    func decodesEntities() {
        let output = HTMLSanitizer.sanitize(
            "<p>Caf&eacute; &amp; bar&nbsp;&#8212; &#x1F600; &copy; AT&T &bogus; &#xZZ; &lt;3</p>")
        #expect(output.text == "Café & bar — 😀 © AT&T &bogus; &#xZZ; <3")
        #expect(output.html == "<p>Café &amp; bar\u{00A0}— 😀 © AT&amp;T &amp;bogus; &amp;#xZZ; &lt;3</p>")
    }

    @Test("pre keeps its line breaks; table cells are separated")
    func preAndTables() {
        #expect(HTMLSanitizer.sanitize("<p>Run:</p><pre>make\nmake test</pre>").text == "Run:\n\nmake\nmake test")
        #expect(
            HTMLSanitizer.sanitize(
                "<table><tr><th>Level</th><th>Pay</th></tr><tr><td>L3</td><td>$100k</td></tr></table>"
            )
            .text == "Level Pay\nL3 $100k")
    }

    @Test("nested lists: each item on its own bulleted line")
    func nestedLists() {
        let output = HTMLSanitizer.sanitize("<ul><li>Backend<ul><li>Go</li><li>SQL</li></ul></li><li>Ops</li></ul>")
        #expect(output.text == "• Backend\n• Go\n• SQL\n• Ops")
        #expect(output.html == "<ul><li>Backend<ul><li>Go</li><li>SQL</li></ul></li><li>Ops</li></ul>")
    }

    @Test("paragraphs inside list items stay on the item's line")
    func paragraphsInListItems() {
        let output = HTMLSanitizer.sanitize(
            "<p>You have:</p><ul><li><p>Go</p></li><li><p>SQL</p><p>and more</p></li></ul><p>Thanks</p>")
        #expect(output.text == "You have:\n\n• Go\n• SQL\nand more\n\nThanks")
    }

    @Test("plain-text input becomes paragraphs, line breaks and lists")
    func plainTextInput() {
        let output = HTMLSanitizer.sanitize(
            "We are hiring.\nJoin us.\n\nRequirements:\n- Python\n* SQL\n\n\n\nApply now & join <3")
        #expect(
            output.html
                == "<p>We are hiring.<br>Join us.</p><p>Requirements:</p><ul><li>Python</li><li>SQL</li></ul>"
                + "<p>Apply now &amp; join &lt;3</p>")
        #expect(output.text == "We are hiring.\nJoin us.\n\nRequirements:\n• Python\n• SQL\n\nApply now & join <3")
    }

    @Test("empty input gives empty output")
    func emptyInput() {
        #expect(HTMLSanitizer.sanitize("") == HTMLSanitizer.Output(html: "", text: ""))
        #expect(HTMLSanitizer.sanitize("  \n ") == HTMLSanitizer.Output(html: "", text: ""))
    }
}
