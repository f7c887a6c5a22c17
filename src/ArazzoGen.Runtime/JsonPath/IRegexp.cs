using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ArazzoGen.Runtime.JsonPath;

/// <summary>
/// Reads an I-Regexp (RFC 9485), the pattern language of <c>match</c> and <c>search</c>, and writes the .NET regular
/// expression that matches the same strings: <c>.</c> and character classes consume whole code points (a surrogate
/// pair is one character), <c>.</c> excludes only CR and LF, and everything else is escaped. A pattern outside
/// I-Regexp gives null. The result runs with a match timeout: .NET backtracks, and patterns can come from documents.
/// </summary>
internal sealed class IRegexp
{
    /// <summary>How long one match may run before the evaluation fails.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const int MaxDepth = 64;
    private const int CacheLimit = 256;

    private const string AnyCodePoint = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S])";
    private const string Dot = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\n\r])";

    private static readonly ConcurrentDictionary<(string, bool), Regex?> Cache = new();

    private readonly string _pattern;
    private readonly StringBuilder _output = new();
    private int _position;
    private int _depth;

    private IRegexp(string pattern) => _pattern = pattern;

    /// <summary>
    /// The regex for <paramref name="pattern"/>: anchored at both ends when <paramref name="whole"/> (for
    /// <c>match</c>), unanchored otherwise (for <c>search</c>); null when the pattern is not an I-Regexp.
    /// </summary>
    public static Regex? ToRegex(string pattern, bool whole)
    {
        if (Cache.TryGetValue((pattern, whole), out var cached))
        {
            return cached;
        }

        // Patterns can come from the documents a query reads: keep the cache from growing without bound.
        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        var translated = Translate(pattern);
        var regex = translated is null ? null : Compile(whole ? @"\A(?:" + translated + @")\z" : translated);
        Cache[(pattern, whole)] = regex;
        return regex;
    }

    /// <summary>The translation as a .NET regex; null in the unlikely case that .NET refuses it.</summary>
    private static Regex? Compile(string translated)
    {
        try
        {
            return new Regex(translated, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The .NET pattern for an I-Regexp, or null when <paramref name="pattern"/> is not one.</summary>
    public static string? Translate(string pattern)
    {
        var reader = new IRegexp(pattern);
        try
        {
            reader.ReadBranches();
            return reader._position == pattern.Length ? reader._output.ToString() : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary><c>branch *( "|" branch )</c>.</summary>
    private void ReadBranches()
    {
        if (++_depth > MaxDepth)
        {
            throw new FormatException("nested too deeply");
        }

        ReadBranch();
        while (Peek('|'))
        {
            _position++;
            _output.Append('|');
            ReadBranch();
        }

        _depth--;
    }

    private void ReadBranch()
    {
        while (_position < _pattern.Length && !Peek('|') && !Peek(')'))
        {
            ReadAtom();
            ReadQuantifier();
        }
    }

    private void ReadAtom()
    {
        var c = _pattern[_position];
        switch (c)
        {
            case '(':
                _position++;
                _output.Append("(?:");
                ReadBranches();
                Expect(')');
                _output.Append(')');
                return;
            case '.':
                _position++;
                _output.Append(Dot);
                return;
            case '[':
                _output.Append(ReadClass());
                return;
            case '\\':
                _output.Append(ReadEscape(inClass: false, out _));
                return;

            // RFC 9485 lists '^' and '$' as ordinary characters, but the JSONPath compliance suite (and the regex
            // engines most implementations map to) read them as anchors; a string can only match one way.
            case '^':
                _position++;
                _output.Append(@"\A");
                return;
            case '$':
                _position++;
                _output.Append(@"\z");
                return;
            case ')' or '*' or '+' or '?' or '{' or '}' or ']':
                throw new FormatException($"'{c}' must be escaped");
            default:
                _output.Append(Literal(ReadCodePoint()));
                return;
        }
    }

    /// <summary><c>*</c>, <c>+</c>, <c>?</c>, <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c>, passed on as they are.</summary>
    private void ReadQuantifier()
    {
        if (Peek('*') || Peek('+') || Peek('?'))
        {
            _output.Append(_pattern[_position++]);
            return;
        }

        if (!Peek('{'))
        {
            return;
        }

        _position++;
        var min = ReadNumber();
        var bounded = true;
        var max = min;
        var comma = Peek(',');
        if (comma)
        {
            _position++;
            bounded = !Peek('}');
            max = bounded ? ReadNumber() : min;
        }

        Expect('}');
        if (max < min)
        {
            throw new FormatException("a quantifier's maximum is below its minimum");
        }

        _output.Append('{').Append(min.ToString(CultureInfo.InvariantCulture));
        if (comma)
        {
            _output.Append(',').Append(bounded ? max.ToString(CultureInfo.InvariantCulture) : string.Empty);
        }

        _output.Append('}');
    }

    private int ReadNumber()
    {
        var start = _position;
        while (_position < _pattern.Length && _pattern[_position] is >= '0' and <= '9')
        {
            _position++;
        }

        if (_position == start || !int.TryParse(
                _pattern.Substring(start, _position - start),
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var value))
        {
            throw new FormatException("a quantifier needs a number");
        }

        return value;
    }

    /// <summary>
    /// <c>\p{…}</c>, <c>\P{…}</c> or a single-character escape. Outside a class the result is a pattern; inside
    /// one, <paramref name="codePoint"/> is the escaped character (or -1 for a category, returned as a pattern).
    /// </summary>
    private string ReadEscape(bool inClass, out int codePoint)
    {
        codePoint = -1;
        _position++;
        if (_position >= _pattern.Length)
        {
            throw new FormatException("a pattern cannot end with '\\'");
        }

        var c = _pattern[_position++];
        if (c is 'p' or 'P')
        {
            var category = ReadCategory();

            // Shortcoming: .NET classifies UTF-16 units, so categories see only the Basic Multilingual Plane; a
            // character beyond it counts as in no category (it fails \p{…} and passes \P{…}).
            if (c == 'p')
            {
                return @"\p{" + category + "}";
            }

            return inClass ? @"\P{" + category + "}" : ComplementCategory(category);
        }

        codePoint = c switch
        {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '(' or ')' or '*' or '+' or '-' or '.' or '?' or '[' or '\\' or ']' or '^' or '{' or '|' or '}' => c,
            _ => throw new FormatException($"'\\{c}' is not an I-Regexp escape"),
        };
        return Literal(codePoint);
    }

    /// <summary>Not in the category: a character of the BMP outside it, or any character beyond the BMP.</summary>
    private static string ComplementCategory(string category)
        => @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|\P{" + category + "})";

    /// <summary>A general category: <c>L</c>, <c>Lu</c>, … as RFC 9485 lists them.</summary>
    private string ReadCategory()
    {
        Expect('{');
        var start = _position;
        while (_position < _pattern.Length && _pattern[_position] != '}')
        {
            _position++;
        }

        var name = _pattern.Substring(start, _position - start);
        Expect('}');
        var allowed = name.Length switch
        {
            1 => "LMNPZSC".IndexOf(name[0]) >= 0,
            2 => name[0] switch
            {
                'L' => "lmotu".IndexOf(name[1]) >= 0,
                'M' => "cen".IndexOf(name[1]) >= 0,
                'N' => "dlo".IndexOf(name[1]) >= 0,
                'P' => "cdefios".IndexOf(name[1]) >= 0,
                'Z' => "lps".IndexOf(name[1]) >= 0,
                'S' => "ckmo".IndexOf(name[1]) >= 0,
                'C' => "cfno".IndexOf(name[1]) >= 0,
                _ => false,
            },
            _ => false,
        };
        return allowed ? name : throw new FormatException($"'{name}' is not a category I-Regexp knows");
    }

    /// <summary>
    /// <c>[…]</c> or <c>[^…]</c>. A negated class becomes "not the class, then any one code point", so that a
    /// surrogate pair is never split.
    /// </summary>
    private string ReadClass()
    {
        _position++;
        var negated = Peek('^');
        if (negated)
        {
            _position++;
        }

        var set = new CharacterSet();
        var first = true;
        while (!Peek(']'))
        {
            if (_position >= _pattern.Length)
            {
                throw new FormatException("a '[' is not closed");
            }

            if (Peek('-') && (first || PeekAt(1, ']')))
            {
                _position++;
                set.Add('-', '-');
            }
            else
            {
                ReadClassItem(set);
            }

            first = false;
        }

        if (first)
        {
            throw new FormatException("a class cannot be empty");
        }

        _position++;
        var positive = set.ToPattern();
        return negated ? "(?:(?!" + positive + ")" + AnyCodePoint + ")" : positive;
    }

    /// <summary>A character, a range <c>a-z</c>, or a category escape.</summary>
    private void ReadClassItem(CharacterSet set)
    {
        var low = ReadClassChar(set);
        if (low < 0)
        {
            return;
        }

        if (!Peek('-') || PeekAt(1, ']'))
        {
            set.Add(low, low);
            return;
        }

        _position++;
        var high = ReadClassChar(set);
        if (high < 0 || high < low)
        {
            throw new FormatException("a range must go from a character up to a character");
        }

        set.Add(low, high);
    }

    /// <summary>A class character as a code point; -1 after a category escape, which goes into the set.</summary>
    private int ReadClassChar(CharacterSet set)
    {
        var c = _pattern[_position];
        if (c == '\\')
        {
            var category = ReadEscape(inClass: true, out var codePoint);
            if (codePoint < 0)
            {
                set.AddCategory(category);
            }

            return codePoint;
        }

        if (c is '[' or ']' or '-')
        {
            throw new FormatException($"'{c}' must be escaped in a class");
        }

        return ReadCodePoint();
    }

    private int ReadCodePoint()
    {
        var c = _pattern[_position++];
        if (!char.IsSurrogate(c))
        {
            return c;
        }

        if (char.IsHighSurrogate(c) && _position < _pattern.Length && char.IsLowSurrogate(_pattern[_position]))
        {
            return char.ConvertToUtf32(c, _pattern[_position++]);
        }

        throw new FormatException("a lone surrogate is not a character");
    }

    /// <summary>One code point as a pattern that a quantifier can follow.</summary>
    private static string Literal(int codePoint) => codePoint > 0xFFFF
        ? "(?:" + Unit(char.ConvertFromUtf32(codePoint)[0]) + Unit(char.ConvertFromUtf32(codePoint)[1]) + ")"
        : Unit((char)codePoint);

    /// <summary>A UTF-16 unit, escaped unless it is an ASCII letter or digit.</summary>
    internal static string Unit(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
        ? c.ToString()
        : @"\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private void Expect(char c)
    {
        if (!Peek(c))
        {
            throw new FormatException($"expected '{c}'");
        }

        _position++;
    }

    private bool Peek(char c) => _position < _pattern.Length && _pattern[_position] == c;

    private bool PeekAt(int ahead, char c) => _position + ahead < _pattern.Length && _pattern[_position + ahead] == c;
}
