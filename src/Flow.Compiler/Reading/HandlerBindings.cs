using System.Linq;
using System.Xml.Linq;
using Flow.Compiler.Model;

namespace Flow.Compiler.Reading;

/// <summary>
/// Camunda's ways of naming the code of a service task, read as a binding by name to a handler
/// the host registers: <c>camunda:delegateExpression="${checkStock}"</c> (the bean name),
/// <c>camunda:class="com.shop.CheckStock"</c> (the simple class name with its first letter lower
/// case, as Spring names a bean: <c>checkStock</c>), <c>camunda:expression="${checkStock.run(execution)}"</c>
/// (the bean the expression calls). The same attributes of Camunda's forks (Operaton) count too.
/// </summary>
public static class HandlerBindings
{
    private static readonly string[] Namespaces = { "http://camunda.org/schema/1.0/bpmn", "http://operaton.org/schema/1.0/bpmn" };

    /// <summary>The attributes read, in order of precedence when a task has several.</summary>
    private static readonly string[] Attributes = { "delegateExpression", "class", "expression" };

    internal static HandlerBindingText? Read(XElement element)
    {
        foreach (var name in Attributes)
        {
            var attribute = element.Attributes().FirstOrDefault(a => a.Name.LocalName == name && Namespaces.Contains(a.Name.NamespaceName));
            if (attribute is not null)
            {
                return new HandlerBindingText(Prefix(element, attribute) + name, attribute.Value.Trim(), XmlSpans.Of(attribute));
            }
        }

        return null;
    }

    private static string Prefix(XElement element, XAttribute attribute) =>
        element.GetPrefixOfNamespace(attribute.Name.Namespace) is { Length: > 0 } prefix ? prefix + ":" : "camunda:";

    /// <summary>
    /// The handler name a binding names, or null when it cannot be read (FLOW1260): a
    /// <c>${name}</c>/<c>#{name}</c> delegate expression, the simple name of a class, the bean of a
    /// <c>${bean.method(…)}</c> expression, or (<c>flow:handler</c>) the text itself.
    /// </summary>
    public static string? NameOf(HandlerBindingText binding)
    {
        var attribute = binding.Attribute.Substring(binding.Attribute.IndexOf(':') + 1);
        var text = binding.Text;
        switch (attribute)
        {
            case "class":
                var simple = text.Substring(text.LastIndexOfAny(new[] { '.', '$' }) + 1);
                return IsName(simple) ? Decapitalize(simple) : null;
            case "delegateExpression":
                return Inner(text) is { } inner && IsName(inner) ? inner : null;
            case "expression":
                if (Inner(text) is not { } call)
                {
                    return null;
                }

                var dot = call.IndexOf('.');
                var bean = dot < 0 ? "" : call.Substring(0, dot);
                return IsName(bean) ? bean : null;
            default:
                return IsName(text) ? text : null;
        }
    }

    /// <summary>The inside of <c>${…}</c> or <c>#{…}</c>, trimmed.</summary>
    private static string? Inner(string text) =>
        text.Length > 3 && (text[0] == '$' || text[0] == '#') && text[1] == '{' && text[text.Length - 1] == '}'
            ? text.Substring(2, text.Length - 3).Trim()
            : null;

    /// <summary>Java's Introspector.decapitalize, as Spring names beans: CheckStock → checkStock, URLCheck stays.</summary>
    private static string Decapitalize(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && char.IsUpper(name[1]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    /// <summary>A letter or underscore, then letters, digits or underscores (a key a host can register; ASCII and Unicode letters).</summary>
    private static bool IsName(string text)
    {
        if (text.Length == 0 || text.Length > 128 || !(char.IsLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
