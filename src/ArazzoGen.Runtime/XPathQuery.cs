using System;
using System.IO;
using System.Xml;
using System.Xml.XPath;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Runtime;

/// <summary>
/// An XPath 1.0 expression, compiled once, for <c>xpath</c> criteria. The context is parsed as XML without any DTD
/// processing, so a document can neither expand entities nor make the parser read a file or a URL.
/// </summary>
public sealed class XPathQuery
{
    private static readonly XmlReaderSettings SafeSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 16 * 1024 * 1024,
    };

    private readonly XPathExpression _expression;

    private XPathQuery(string text, XPathExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Compiles an XPath 1.0 expression.</summary>
    /// <exception cref="XPathException">The expression is not valid XPath 1.0.</exception>
    public static XPathQuery Compile(string expression)
        => new(expression, XPathExpression.Compile(expression));

    /// <summary>
    /// The criterion: the expression's value over the XML <paramref name="context"/>, converted as XPath's
    /// <c>boolean()</c> converts it. A node-set passes when it is not empty, a string when it is not empty, a number
    /// when it is neither zero nor NaN, a boolean when it is true. A missing or malformed context, or an expression
    /// that cannot be evaluated, makes the criterion false; the reason is logged at debug level.
    /// </summary>
    public bool Matches(string? context, ILogger? logger = null)
    {
        if (string.IsNullOrEmpty(context))
        {
            return Fails(logger, "the context is empty");
        }

        try
        {
            // A byte order mark that came through decoding is not part of the document.
            using var reader = XmlReader.Create(new StringReader(context.TrimStart('\uFEFF')), SafeSettings);
            var navigator = new XPathDocument(reader).CreateNavigator();

            // A compiled expression keeps evaluation state: each evaluation gets its own copy.
            return ToBoolean(navigator.Evaluate(_expression.Clone()));
        }
        catch (XmlException ex)
        {
            return Fails(logger, "the context could not be read as XML (" + WithoutQuotes(ex.Message) + ")");
        }
        catch (XPathException ex)
        {
            return Fails(logger, ex.Message);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>
    /// The parser's message without the text it quotes ('…'): an entity, a tag or an attribute name from the body,
    /// which can hold a credential. What is left says what went wrong and where.
    /// </summary>
    private static string WithoutQuotes(string message)
    {
        var result = new System.Text.StringBuilder(message.Length);
        var quoted = false;
        foreach (var c in message)
        {
            if (c == '\'')
            {
                result.Append(quoted ? "…'" : "'");
                quoted = !quoted;
            }
            else if (!quoted)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static bool ToBoolean(object? result) => result switch
    {
        bool value => value,
        double number => number != 0 && !double.IsNaN(number),
        string text => text.Length > 0,
        XPathNodeIterator nodes => nodes.MoveNext(),
        _ => false,
    };

    private bool Fails(ILogger? logger, string reason)
    {
        if (logger is not null)
        {
            WorkflowLog.XPathCriterionDoesNotHold(logger, Text, reason);
        }

        return false;
    }
}
