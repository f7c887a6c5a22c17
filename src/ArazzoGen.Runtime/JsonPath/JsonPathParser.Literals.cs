using System.Globalization;
using System.Text;

// This file is compiled into the generator too (which checks queries at build time), under its own namespace so
// that a project seeing both assemblies' internals (the tests) can tell the copies apart.
#if ARAZZOGEN_GENERATOR
namespace ArazzoGen.JsonPath;
#else
namespace ArazzoGen.Runtime.JsonPath;
#endif

// String, number and keyword literals: the lexical rules of RFC 9535, section 2.3.1.1 and 2.3.5.1.
internal sealed partial class JsonPathParser
{
    private static readonly string[] ComparisonOperators = { "==", "!=", "<=", ">=", "<", ">" };

    private static readonly (string Word, LiteralType Type)[] Keywords =
    {
        ("true", LiteralType.True), ("false", LiteralType.False), ("null", LiteralType.Null),
    };

    private ValueLiteral? TryParseLiteral()
    {
        var offset = _position;
        if (Peek('\'') || Peek('"'))
        {
            return new ValueLiteral(LiteralType.String, ReadString(), 0, offset);
        }

        foreach (var (word, type) in Keywords)
        {
            if (TryConsume(word))
            {
                return new ValueLiteral(type, word, 0, offset);
            }
        }

        return TryReadNumber(offset);
    }

    /// <summary>
    /// <c>(int / "-0") [frac] [exp]</c>: no leading zeros, digits on both sides of the point, an exponent with digits.
    /// </summary>
    private ValueLiteral? TryReadNumber(int offset)
    {
        if (!Peek('-') && !(_position < _text.Length && IsDigit(_text[_position])))
        {
            return null;
        }

        if (Peek('-'))
        {
            _position++;
        }

        var digits = ReadDigits();
        if (digits == 0)
        {
            throw Error("a '-' must be followed by digits");
        }

        if (digits > 1 && _text[_position - digits] == '0')
        {
            throw new JsonPathSyntaxException("a number has no leading zeros", offset);
        }

        if (TryConsume(".") && ReadDigits() == 0)
        {
            throw Error("a decimal point must be followed by digits");
        }

        if (Peek('e') || Peek('E'))
        {
            _position++;
            if (Peek('+') || Peek('-'))
            {
                _position++;
            }

            if (ReadDigits() == 0)
            {
                throw Error("an exponent must have digits");
            }
        }

        // Beyond double's range the number is infinite; .NET Framework, which hosts the compiler in Visual Studio,
        // refuses to parse such a number instead of saying so.
        var text = _text.Substring(offset, _position - offset);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            number = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        return new ValueLiteral(LiteralType.Number, text, number, offset);
    }

    private int ReadDigits()
    {
        var start = _position;
        while (_position < _text.Length && IsDigit(_text[_position]))
        {
            _position++;
        }

        return _position - start;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>
    /// A string literal in single or double quotes. Control characters must be escaped; the other quote may stand
    /// as it is; escapes are JSON's plus <c>\'</c> in single quotes; <c>\u</c> surrogates must come in pairs.
    /// </summary>
    private string ReadString()
    {
        var open = _position;
        var quote = _text[_position++];
        var value = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == quote)
            {
                _position++;
                return value.ToString();
            }

            if (c == '\\')
            {
                ReadEscape(quote, value);
                continue;
            }

            if (c < 0x20)
            {
                throw Error(
                    $"the control character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)} must be escaped");
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || _position + 1 >= _text.Length
                    || !char.IsLowSurrogate(_text[_position + 1]))
                {
                    throw Error("a lone surrogate is not a character");
                }

                value.Append(c).Append(_text[_position + 1]);
                _position += 2;
                continue;
            }

            value.Append(c);
            _position++;
        }

        throw new JsonPathSyntaxException("a string is not closed", open);
    }

    private void ReadEscape(char quote, StringBuilder value)
    {
        var escape = _position++;
        if (_position >= _text.Length)
        {
            throw new JsonPathSyntaxException("a string is not closed", escape);
        }

        var c = _text[_position++];
        switch (c)
        {
            case 'b': value.Append('\b'); return;
            case 'f': value.Append('\f'); return;
            case 'n': value.Append('\n'); return;
            case 'r': value.Append('\r'); return;
            case 't': value.Append('\t'); return;
            case '/': value.Append('/'); return;
            case '\\': value.Append('\\'); return;
            case 'u': ReadUnicodeEscape(escape, value); return;
        }

        if (c == quote)
        {
            value.Append(c);
            return;
        }

        throw new JsonPathSyntaxException($"'\\{c}' is not an escape in a {(quote == '\'' ? "single" : "double")}-"
                                          + "quoted string", escape);
    }

    /// <summary><c>\uXXXX</c>; a high surrogate must be followed by <c>\u</c> and a low one.</summary>
    private void ReadUnicodeEscape(int escape, StringBuilder value)
    {
        var unit = ReadHex(escape);
        if (char.IsLowSurrogate(unit))
        {
            throw new JsonPathSyntaxException("a low surrogate escape must follow a high one", escape);
        }

        value.Append(unit);
        if (!char.IsHighSurrogate(unit))
        {
            return;
        }

        if (!TryConsume("\\u"))
        {
            throw new JsonPathSyntaxException("a high surrogate escape must be followed by a low one", escape);
        }

        var low = ReadHex(escape);
        if (!char.IsLowSurrogate(low))
        {
            throw new JsonPathSyntaxException("a high surrogate escape must be followed by a low one", escape);
        }

        value.Append(low);
    }

    private char ReadHex(int escape)
    {
        if (_position + 4 > _text.Length)
        {
            throw new JsonPathSyntaxException("'\\u' must be followed by four hexadecimal digits", escape);
        }

        var code = 0;
        for (var i = 0; i < 4; i++)
        {
            var c = _text[_position++];
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                throw new JsonPathSyntaxException("'\\u' must be followed by four hexadecimal digits", escape);
            }

            code = code * 16 + digit;
        }

        return (char)code;
    }
}
