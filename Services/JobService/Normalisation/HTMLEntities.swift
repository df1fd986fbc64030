/// Character references as job boards write them: numeric (`&#106;`, `&#x6A;`,
/// with or without the closing semicolon, as browsers accept them) and the named
/// ones postings actually use, which need their semicolon.
///
/// Decoding reads each character once and looks ahead a bounded distance, so a
/// hostile run of ampersands or digits costs linear time.
enum HTMLEntities {
    /// Longest name in `named`, so a lookahead past it can stop early.
    static let longestName = 8

    /// Named references: markup, typography, currency, German and common Latin-1
    /// letters, and the HTML5 names for punctuation (`&colon;`, `&Tab;`) that
    /// attackers use to hide a `javascript:` scheme.
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "colon": ":", "semi": ";", "comma": ",", "period": ".", "sol": "/", "bsol": "\\", "lpar": "(", "rpar": ")",
        "excl": "!", "quest": "?", "num": "#", "percnt": "%", "plus": "+", "equals": "=", "commat": "@",
        "lowbar": "_", "hyphen": "-", "dash": "\u{2010}", "lsqb": "[", "rsqb": "]", "lcub": "{", "rcub": "}",
        "verbar": "|", "ast": "*", "grave": "`", "Tab": "\t", "NewLine": "\n",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "minus": "−",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "bdquo": "\u{201E}", "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "bull": "•", "middot": "·",
        "prime": "′", "Prime": "″", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "zwnj": "\u{200C}", "zwj": "\u{200D}", "shy": "\u{00AD}", "deg": "°", "plusmn": "±", "times": "×",
        "divide": "÷", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³",
        "micro": "µ", "para": "¶", "sect": "§", "dagger": "†", "Dagger": "‡", "permil": "‰", "larr": "←",
        "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔", "check": "✓", "star": "☆", "starf": "★",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "curren": "¤", "iexcl": "¡", "iquest": "¿",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß",
        "aacute": "á", "eacute": "é", "iacute": "í", "oacute": "ó", "uacute": "ú", "yacute": "ý",
        "Aacute": "Á", "Eacute": "É", "Iacute": "Í", "Oacute": "Ó", "Uacute": "Ú",
        "agrave": "à", "egrave": "è", "igrave": "ì", "ograve": "ò", "ugrave": "ù",
        "Agrave": "À", "Egrave": "È", "Ograve": "Ò",
        "acirc": "â", "ecirc": "ê", "icirc": "î", "ocirc": "ô", "ucirc": "û",
        "atilde": "ã", "ntilde": "ñ", "otilde": "õ", "Ntilde": "Ñ", "ccedil": "ç", "Ccedil": "Ç",
        "euml": "ë", "iuml": "ï", "yuml": "ÿ", "aring": "å", "Aring": "Å", "aelig": "æ", "AElig": "Æ",
        "oslash": "ø", "Oslash": "Ø", "oelig": "œ", "scaron": "š", "Scaron": "Š", "zcaron": "ž",
    ]

    /// `text` with every reference it holds replaced by its character; anything
    /// that is not a complete reference stays as written ("AT&T", "R&D").
    static func decode(_ text: some StringProtocol) -> String {
        guard text.contains("&") else { return String(text) }
        var output = String.UnicodeScalarView()
        decode(Array(text.unicodeScalars)[...], into: &output)
        return String(output)
    }

    /// Decodes `scalars` onto the end of `output`.
    static func decode(_ scalars: ArraySlice<Unicode.Scalar>, into output: inout String.UnicodeScalarView) {
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "&", let (decoded, next) = reference(in: scalars, at: index) {
                output.append(decoded)
                index = next
            } else {
                output.append(scalar)
                index += 1
            }
        }
    }

    /// The reference starting at `start` (an `&`) and the index after it, or nil.
    static func reference(
        in scalars: ArraySlice<Unicode.Scalar>, at start: Int
    ) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        guard index < scalars.endIndex else { return nil }
        if scalars[index] == "#" {
            return numericReference(in: scalars, after: index + 1)
        }
        var name = ""
        while index < scalars.endIndex, name.unicodeScalars.count <= longestName,
            isASCIILetterOrDigit(scalars[index])
        {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index < scalars.endIndex, scalars[index] == ";", let decoded = named[name] else { return nil }
        return (decoded, index + 1)
    }

    /// `&#106;` or `&#x6A;`; code points browsers refuse (NUL, surrogates, beyond
    /// U+10FFFF) become U+FFFD as they do in a browser.
    private static func numericReference(
        in scalars: ArraySlice<Unicode.Scalar>, after start: Int
    ) -> (Unicode.Scalar, Int)? {
        var index = start
        var hexadecimal = false
        if index < scalars.endIndex, scalars[index] == "x" || scalars[index] == "X" {
            hexadecimal = true
            index += 1
        }
        let digitsStart = index
        var value: UInt32 = 0
        var overflowed = false
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let digit: UInt32
            if let decimal = decimalValue(scalar) {
                digit = decimal
            } else if hexadecimal, let letter = hexLetterValue(scalar) {
                digit = letter
            } else {
                break
            }
            if !overflowed {
                value = value * (hexadecimal ? 16 : 10) + digit
                if value > 0x10FFFF { overflowed = true }
            }
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < scalars.endIndex, scalars[index] == ";" { index += 1 }
        let replacement: Unicode.Scalar = "\u{FFFD}"
        guard !overflowed, value != 0, let decoded = Unicode.Scalar(value) else { return (replacement, index) }
        return (decoded, index)
    }

    static func isASCIILetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    private static func decimalValue(_ scalar: Unicode.Scalar) -> UInt32? {
        (0x30...0x39).contains(scalar.value) ? scalar.value - 0x30 : nil
    }

    private static func hexLetterValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x41...0x46: scalar.value - 0x41 + 10
        case 0x61...0x66: scalar.value - 0x61 + 10
        default: nil
        }
    }
}
