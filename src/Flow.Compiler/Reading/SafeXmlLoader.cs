using System;
using System.IO;
using System.Xml;
using System.Xml.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// Parses XML text with line information and without any of XML's dangerous features:
/// DTDs are prohibited (so no entity is ever expanded) and no resolver exists (so nothing
/// external is ever fetched).
/// </summary>
internal static class SafeXmlLoader
{
    /// <summary>Largest file accepted, in characters (a large real diagram is ~1 MB).</summary>
    public const int MaxCharacters = 16 * 1024 * 1024;

    public static XDocument? Load(string text, out FlowDiagnostic? error)
    {
        error = null;
        if (text.Length > MaxCharacters)
        {
            error = FlowDiagnostic.Create(DiagnosticCatalog.FileTooLarge, SourceSpan.At(1, 1, 1), text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            var line = Math.Max(ex.LineNumber, 1);
            var column = Math.Max(ex.LinePosition, 1);
            error = IsDoctypeAt(text, line, column)
                ? FlowDiagnostic.Create(DiagnosticCatalog.DtdProhibited, SourceSpan.At(line, column, "<!DOCTYPE".Length))
                : FlowDiagnostic.Create(DiagnosticCatalog.MalformedXml, SourceSpan.At(line, column, 1), ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The parser reports a prohibited DTD as a plain XmlException (with a localised message),
    /// so we recognise it by what stands at the reported position.
    /// </summary>
    private static bool IsDoctypeAt(string text, int line, int column)
    {
        var offset = TextPositions.ToOffset(text, line, column);
        if (offset < 0)
        {
            return false;
        }

        // The position may be at '<' or at the keyword after "<!".
        var start = Math.Max(0, offset - 2);
        var window = text.Substring(start, Math.Min(text.Length - start, 16));
        return window.IndexOf("DOCTYPE", StringComparison.Ordinal) >= 0;
    }
}
