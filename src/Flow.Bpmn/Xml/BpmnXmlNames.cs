using System.Collections.Generic;

namespace Flow.Bpmn;

/// <summary>The namespaces a BPMN file uses and the prefixes the writer gives them.</summary>
public static class BpmnXmlNames
{
    public const string Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    public const string Dc = "http://www.omg.org/spec/DD/20100524/DC";
    public const string Di = "http://www.omg.org/spec/DD/20100524/DI";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Xml = "http://www.w3.org/XML/1998/namespace";
    public const string Xmlns = "http://www.w3.org/2000/xmlns/";

    /// <summary>Flow.Generators' extension (<c>flow:variable</c>, <c>flow:handler</c>, …).</summary>
    public const string Flow = "http://flow-generators.dev/schema/bpmn";

    /// <summary>Camunda 7's extension (<c>camunda:assignee</c>, <c>camunda:class</c>, …).</summary>
    public const string Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>The 2009 draft namespace and an early draft one, read like the final one (as Flow.Compiler does).</summary>
    internal static readonly string[] DraftBpmn = { "http://schema.omg.org/spec/BPMN/2.0", "http://www.omg.org/bpmn20" };

    /// <summary>Prefixes for well-known extension namespaces; others get ns1, ns2, … in order of first use.</summary>
    internal static readonly IReadOnlyDictionary<string, string> KnownPrefixes = new Dictionary<string, string>
    {
        [Flow] = "flow",
        [Camunda] = "camunda",
        ["http://camunda.org/schema/zeebe/1.0"] = "zeebe",
        ["http://camunda.org/schema/modeler/1.0"] = "modeler",
        ["http://bpmn.io/schema/bpmn/biocolor/1.0"] = "bioc",
        ["http://www.omg.org/spec/BPMN/non-normative/color/1.0"] = "color",
    };

    /// <summary>Namespaces whose attributes are not extensions (the writer owns them).</summary>
    public static bool IsReserved(string namespaceUri) =>
        namespaceUri is Bpmn or BpmnDi or Dc or Di or Xsi or Xml or Xmlns || System.Array.IndexOf(DraftBpmn, namespaceUri) >= 0;
}
