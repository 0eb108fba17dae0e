using System.Linq;
using System.Xml.Linq;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// A script task's external script: Camunda's <c>camunda:resource="deployment://…"</c> (or
/// classpath://, a URL) and the same attribute of its forks (Operaton, Activiti, Flowable), i.e.
/// any <c>resource</c> attribute in an extension namespace. Read so the rules can name it.
/// </summary>
internal static class ScriptResources
{
    public static (string? Resource, SourceSpan Span) Of(XElement scriptTask)
    {
        var attribute = scriptTask.Attributes()
            .FirstOrDefault(a => a.Name.LocalName == "resource" && a.Name.Namespace != XNamespace.None && a.Value.Trim().Length > 0);
        return attribute is null ? (null, default) : (attribute.Value.Trim(), XmlSpans.Of(attribute));
    }
}
