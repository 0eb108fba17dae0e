using System;
using System.Linq;
using System.Xml.Linq;
using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// Reads a <c>camunda:inputOutput</c> (any extension namespace, by local name, as
/// <see cref="CallActivities"/> does): its input and output parameters with their values: text,
/// <c>${…}</c> expressions, <c>list</c>, <c>map</c> (nested as deep as written) and <c>script</c>.
/// </summary>
internal static class InputOutputReader
{
    public static InputOutputModel Read(XElement inputOutput, Func<XElement, Expression> expressionOf) => new(
        Parameters(inputOutput, "inputParameter", expressionOf),
        Parameters(inputOutput, "outputParameter", expressionOf),
        XmlSpans.Of(inputOutput));

    private static EquatableArray<InputOutputParameter> Parameters(XElement inputOutput, string localName, Func<XElement, Expression> expressionOf) =>
        inputOutput.Elements().Where(e => e.Name.LocalName == localName)
            .Select(e => new InputOutputParameter(e.Attribute("name")?.Value.Trim() ?? "", ValueOf(e, expressionOf), XmlSpans.Of(e))
            {
                DeclaredType = FlowExtensions.Attribute(e, "type"),
            })
            .ToEquatableArray();

    /// <summary>The value an element holds: its one child element (list, map, script), else its text.</summary>
    private static ParameterValue ValueOf(XElement holder, Func<XElement, Expression> expressionOf)
    {
        if (holder.Elements().FirstOrDefault() is { } child)
        {
            return Structured(child, expressionOf);
        }

        if (holder.Value.Trim().Length == 0)
        {
            return new ParameterValue(ParameterValueKind.Empty, null, XmlSpans.Of(holder));
        }

        var expression = expressionOf(holder);
        return new ParameterValue(KindOf(holder.Value.Trim()), expression, expression.Span);
    }

    /// <summary>A list, map or script element (anything else is an unknown value: not applied).</summary>
    private static ParameterValue Structured(XElement child, Func<XElement, Expression> expressionOf)
    {
        var span = XmlSpans.Of(child);
        return child.Name.LocalName switch
            {
                "list" => new ParameterValue(ParameterValueKind.List, null, span)
                {
                    Items = child.Elements().Select(e => e.Name.LocalName == "value" ? ValueOf(e, expressionOf) : Structured(e, expressionOf)).ToEquatableArray(),
                },
                "map" => new ParameterValue(ParameterValueKind.Map, null, span)
                {
                    Items = child.Elements().Where(e => e.Name.LocalName == "entry")
                        .Select(e => ValueOf(e, expressionOf) with { Key = e.Attribute("key")?.Value ?? "" })
                        .ToEquatableArray(),
                },
                "script" => new ParameterValue(ParameterValueKind.Script, child.Value.Trim().Length == 0 ? null : expressionOf(child), span)
                {
                    ScriptFormat = child.Attribute("scriptFormat")?.Value.Trim(),
                    ScriptResource = child.Attribute("resource")?.Value.Trim() is { Length: > 0 } resource ? resource : null,
                },
                _ => new ParameterValue(ParameterValueKind.Unknown, null, span) { ScriptFormat = child.Name.LocalName },
            };
    }

    /// <summary>A whole <c>${…}</c> or <c>#{…}</c> is an expression; text with one inside it a composite; else a constant.</summary>
    private static ParameterValueKind KindOf(string text)
    {
        var opens = Count(text, "${") + Count(text, "#{");
        if (opens == 0)
        {
            return ParameterValueKind.Text;
        }

        return opens == 1 && (text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal)) && text.EndsWith("}", StringComparison.Ordinal)
            ? ParameterValueKind.Expression
            : ParameterValueKind.Composite;
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
