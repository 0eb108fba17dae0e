using System.Linq;
using System.Xml.Linq;
using Flow.Compiler.Model;

namespace Flow.Compiler.Reading;

/// <summary>
/// Reads Camunda's asynchronous continuation attributes of a flow node (and those of Camunda's
/// forks and of Camunda's older <c>camunda:async</c>, which means asyncBefore).
/// </summary>
internal static class AsyncContinuations
{
    private static readonly string[] Namespaces = { "http://camunda.org/schema/1.0/bpmn", "http://operaton.org/schema/1.0/bpmn", "http://activiti.org/bpmn" };

    public static AsyncContinuation? Read(XElement element, XNamespace bpmn)
    {
        var before = Attribute(element, "asyncBefore") ?? Attribute(element, "async");
        var after = Attribute(element, "asyncAfter");
        var exclusive = Attribute(element, "exclusive");
        var priority = Attribute(element, "jobPriority");
        var retry = element.Elements(bpmn + "extensionElements").Elements()
            .FirstOrDefault(e => e.Name.LocalName == "failedJobRetryTimeCycle" && Namespaces.Contains(e.Name.NamespaceName));
        if (before is null && after is null && exclusive is null && priority is null && retry is null)
        {
            return null;
        }

        return new AsyncContinuation(IsTrue(before), IsTrue(after), exclusive is null || !IsFalse(exclusive), XmlSpans.Of(element))
        {
            Priority = priority?.Value.Trim(),
            PrioritySpan = priority is null ? default : XmlSpans.Of(priority),
            RetryCycle = retry?.Value.Trim(),
            RetryCycleSpan = retry is null ? default : XmlSpans.Of(retry),
        };
    }

    private static XAttribute? Attribute(XElement element, string name) =>
        element.Attributes().FirstOrDefault(a => a.Name.LocalName == name && Namespaces.Contains(a.Name.NamespaceName));

    // Camunda reads these as booleans: "true" (any case) is true, anything else false.
    private static bool IsTrue(XAttribute? attribute) => attribute is not null && string.Equals(attribute.Value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(XAttribute attribute) => string.Equals(attribute.Value.Trim(), "false", System.StringComparison.OrdinalIgnoreCase);
}
