using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;

namespace Flow.Build.Tasks.Files;

/// <summary>
/// The ids of the processes a .bpmn file defines, read only when two diagrams of a project share
/// a file name (a process's [FlowProcess] source file is its file name, so the name alone cannot
/// tell which of them it came from). No DTD, nothing external: the compiler already refused such
/// a file, and an unreadable one defines nothing here.
/// </summary>
public static class DiagramProcessIds
{
    private const string ModelNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    public static IReadOnlyCollection<string> Read(string path)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
            using var reader = XmlReader.Create(path, settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "process" && reader.NamespaceURI == ModelNamespace
                    && reader.GetAttribute("id") is { Length: > 0 } id)
                {
                    ids.Add(id);
                }
            }
        }
        catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
        {
            // The compiler reported the file; it defines no process the task can attribute.
        }

        return ids;
    }
}
