using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using Flow.Bpmn.Layout;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Xml;

/// <summary>
/// Writes a model as BPMN 2.0 XML as modellers do (bpmn: prefix, incoming/outgoing children,
/// tFormalExpression conditions) with a diagram per process from <see cref="AutoLayout"/>.
/// Deterministic: the same model gives the same bytes (UTF-8 without BOM, "\n" line ends).
/// </summary>
public static class BpmnXmlWriter
{
    public static string Write(BpmnDefinitions definitions)
    {
        using var stream = new MemoryStream();
        Write(definitions, stream);
        return new UTF8Encoding(false).GetString(stream.ToArray());
    }

    public static void Write(BpmnDefinitions definitions, Stream stream)
    {
        if (definitions is null)
        {
            throw new ArgumentNullException(nameof(definitions));
        }

        BpmnModelChecks.CheckReferences(definitions);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = false,
        };
        using var writer = XmlWriter.Create(stream, settings);
        new DocumentWriter(writer, definitions).Write();
    }

    private sealed class DocumentWriter
    {
        private readonly XmlWriter _w;
        private readonly BpmnDefinitions _definitions;
        private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);

        public DocumentWriter(XmlWriter writer, BpmnDefinitions definitions)
        {
            _w = writer;
            _definitions = definitions;
        }

        public void Write()
        {
            _w.WriteStartDocument();
            _w.WriteStartElement("bpmn", "definitions", BpmnXmlNames.Bpmn);
            _w.WriteAttributeString("xmlns", "bpmn", null, BpmnXmlNames.Bpmn);
            _w.WriteAttributeString("xmlns", "bpmndi", null, BpmnXmlNames.BpmnDi);
            _w.WriteAttributeString("xmlns", "dc", null, BpmnXmlNames.Dc);
            _w.WriteAttributeString("xmlns", "di", null, BpmnXmlNames.Di);
            if (NeedsXsi())
            {
                _w.WriteAttributeString("xmlns", "xsi", null, BpmnXmlNames.Xsi);
            }

            foreach (var ns in ExtensionNamespaces())
            {
                var prefix = BpmnXmlNames.KnownPrefixes.TryGetValue(ns, out var known) ? known : "ns" + (_prefixes.Count(p => p.Value.StartsWith("ns", StringComparison.Ordinal)) + 1).ToString(CultureInfo.InvariantCulture);
                _prefixes[ns] = prefix;
                _w.WriteAttributeString("xmlns", prefix, null, ns);
            }

            _w.WriteAttributeString("id", _definitions.Id);
            _w.WriteAttributeString("targetNamespace", _definitions.TargetNamespace);
            _w.WriteAttributeString("exporter", "Flow.Bpmn");
            _w.WriteAttributeString("exporterVersion", typeof(BpmnXmlWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            WriteExtensionAttributes(_definitions);

            foreach (var element in _definitions.RootElements)
            {
                WriteRootElement(element);
            }

            foreach (var process in _definitions.Processes)
            {
                WriteProcess(process);
            }

            foreach (var process in _definitions.Processes)
            {
                WriteDiagram(process, AutoLayout.Compute(process));
            }

            _w.WriteEndElement();
            _w.WriteEndDocument();
        }

        private bool NeedsXsi() =>
            _definitions.AllFlows().Any(f => f.ConditionExpression is not null)
            || _definitions.AllNodes().Any(n => n.Loop is { } loop && (loop.Cardinality ?? loop.CompletionCondition ?? loop.LoopCondition) is not null)
            || _definitions.AllNodes().SelectMany(n => n.EventDefinitions).Any(d => d.TimerValue is not null || d.Condition is not null);

        /// <summary>Namespaces of extension attributes and of flow: elements, in order of first use.</summary>
        private IEnumerable<string> ExtensionNamespaces()
        {
            var elements = new BpmnElement[] { _definitions }.Concat(_definitions.RootElements).Concat(_definitions.Processes)
                .Concat(_definitions.AllNodes()).Concat(_definitions.AllFlows()).Concat(_definitions.AllAssociations());
            var usesFlowElements = _definitions.Processes.Any(p => p.Variables.Count > 0)
                || _definitions.AllNodes().Any(n => n.Outputs.Count > 0 || n.InputParameters.Concat(n.OutputParameters).Any(p => p.Type is not null))
                || _definitions.RootElements.Any(e => e.Outputs.Count > 0);
            var usesCamundaElements = _definitions.AllNodes().Any(UsesCamundaElements);
            var namespaces = (usesFlowElements ? new[] { BpmnXmlNames.Flow } : Array.Empty<string>())
                .Concat(usesCamundaElements ? new[] { BpmnXmlNames.Camunda } : Array.Empty<string>());
            var loopAttributes = _definitions.AllNodes().Where(n => n.Loop is not null).SelectMany(n => n.Loop!.ExtensionAttributes);
            return namespaces.Concat(elements.SelectMany(e => e.ExtensionAttributes).Concat(loopAttributes).Select(a => a.NamespaceUri)).Distinct(StringComparer.Ordinal).ToList();
        }

        private void WriteExtensionAttributes(BpmnElement element) => WriteExtensionAttributes(element.ExtensionAttributes);

        private void WriteExtensionAttributes(List<ExtensionAttribute> attributes)
        {
            foreach (var attribute in attributes)
            {
                _w.WriteAttributeString(_prefixes[attribute.NamespaceUri], attribute.LocalName, attribute.NamespaceUri, attribute.Value);
            }
        }

        private void StartBpmn(string localName, BpmnElement element)
        {
            _w.WriteStartElement("bpmn", localName, BpmnXmlNames.Bpmn);
            _w.WriteAttributeString("id", element.Id);
            if (element.Name is not null)
            {
                _w.WriteAttributeString("name", element.Name);
            }
        }

        private void WriteDeclarations(string localName, List<BpmnVariable> declarations)
        {
            if (declarations.Count == 0)
            {
                return;
            }

            _w.WriteStartElement("bpmn", "extensionElements", BpmnXmlNames.Bpmn);
            WriteDeclarationItems(localName, declarations);
            _w.WriteEndElement();
        }

        private void WriteDeclarationItems(string localName, List<BpmnVariable> declarations)
        {
            foreach (var declaration in declarations)
            {
                _w.WriteStartElement(_prefixes[BpmnXmlNames.Flow], localName, BpmnXmlNames.Flow);
                _w.WriteAttributeString("name", declaration.Name);
                if (declaration.Type is not null)
                {
                    _w.WriteAttributeString("type", declaration.Type);
                }

                _w.WriteEndElement();
            }
        }

        /// <summary>A node's extensionElements: camunda:inputOutput, camunda:in/out, flow:output (nothing when it has none).</summary>
        private void WriteNodeExtensionElements(BpmnFlowNode node)
        {
            if (node.Outputs.Count == 0 && !UsesCamundaElements(node))
            {
                return;
            }

            _w.WriteStartElement("bpmn", "extensionElements", BpmnXmlNames.Bpmn);
            var camunda = UsesCamundaElements(node) ? _prefixes[BpmnXmlNames.Camunda] : null;
            if (node.FailedJobRetryTimeCycle is not null)
            {
                _w.WriteElementString(camunda, "failedJobRetryTimeCycle", BpmnXmlNames.Camunda, node.FailedJobRetryTimeCycle);
            }

            if (node.InputParameters.Count > 0 || node.OutputParameters.Count > 0)
            {
                _w.WriteStartElement(camunda, "inputOutput", BpmnXmlNames.Camunda);
                foreach (var (element, parameters) in new[] { ("inputParameter", node.InputParameters), ("outputParameter", node.OutputParameters) })
                {
                    foreach (var parameter in parameters)
                    {
                        _w.WriteStartElement(camunda, element, BpmnXmlNames.Camunda);
                        _w.WriteAttributeString("name", parameter.Name);
                        if (parameter.Type is not null)
                        {
                            _w.WriteAttributeString(_prefixes[BpmnXmlNames.Flow], "type", BpmnXmlNames.Flow, parameter.Type);
                        }

                        WriteParameterValue(camunda, parameter.Content);
                        _w.WriteEndElement();
                    }
                }

                _w.WriteEndElement();
            }

            foreach (var mapping in node.CallMappings)
            {
                _w.WriteStartElement(camunda, mapping.Direction == BpmnCallMappingDirection.In ? "in" : "out", BpmnXmlNames.Camunda);
                WriteOptional("businessKey", mapping.BusinessKey);
                WriteOptional("source", mapping.Source);
                WriteOptional("sourceExpression", mapping.SourceExpression);
                WriteOptional("variables", mapping.AllVariables ? "all" : null);
                WriteOptional("target", mapping.Target);
                WriteOptional("local", mapping.Local ? "true" : null);
                _w.WriteEndElement();
            }

            WriteDeclarationItems("output", node.Outputs);
            _w.WriteEndElement();
        }

        private static bool UsesCamundaElements(BpmnFlowNode node) =>
            node.CallMappings.Count > 0 || node.InputParameters.Count > 0 || node.OutputParameters.Count > 0 || node.FailedJobRetryTimeCycle is not null;

        /// <summary>The content of a parameter, list value or map entry: text, or a camunda:list / map / script element.</summary>
        private void WriteParameterValue(string? camunda, BpmnParameterValue value)
        {
            switch (value.Kind)
            {
                case BpmnParameterValueKind.List:
                    _w.WriteStartElement(camunda, "list", BpmnXmlNames.Camunda);
                    foreach (var item in value.Items)
                    {
                        // A text item is a camunda:value; a nested list or map stands on its own (as Camunda writes it).
                        if (item.Kind == BpmnParameterValueKind.Text)
                        {
                            _w.WriteStartElement(camunda, "value", BpmnXmlNames.Camunda);
                            WriteParameterValue(camunda, item);
                            _w.WriteEndElement();
                        }
                        else
                        {
                            WriteParameterValue(camunda, item);
                        }
                    }

                    _w.WriteEndElement();
                    break;
                case BpmnParameterValueKind.Map:
                    _w.WriteStartElement(camunda, "map", BpmnXmlNames.Camunda);
                    foreach (var entry in value.Entries)
                    {
                        _w.WriteStartElement(camunda, "entry", BpmnXmlNames.Camunda);
                        _w.WriteAttributeString("key", entry.Key);
                        WriteParameterValue(camunda, entry.Value);
                        _w.WriteEndElement();
                    }

                    _w.WriteEndElement();
                    break;
                case BpmnParameterValueKind.Script:
                    _w.WriteStartElement(camunda, "script", BpmnXmlNames.Camunda);
                    WriteOptional("scriptFormat", value.ScriptFormat);
                    WriteOptional("resource", value.ScriptResource);
                    if (value.Text is not null)
                    {
                        _w.WriteString(value.Text);
                    }

                    _w.WriteEndElement();
                    break;
                default:
                    if (value.Text is not null)
                    {
                        _w.WriteString(value.Text);
                    }

                    break;
            }
        }

        private void WriteLoop(BpmnLoopCharacteristics loop)
        {
            _w.WriteStartElement("bpmn", loop.IsMultiInstance ? "multiInstanceLoopCharacteristics" : "standardLoopCharacteristics", BpmnXmlNames.Bpmn);
            WriteOptional("id", loop.Id);
            if (loop.IsMultiInstance)
            {
                _w.WriteAttributeString("isSequential", loop.IsSequential ? "true" : "false");
            }
            else
            {
                WriteOptional("testBefore", loop.TestBefore ? "true" : null);
                WriteOptional("loopMaximum", loop.LoopMaximum);
            }

            WriteExtensionAttributes(loop.ExtensionAttributes);
            if (loop.LoopCondition is not null)
            {
                WriteFormalExpression("loopCondition", loop.LoopCondition, null);
            }

            if (loop.Cardinality is not null)
            {
                WriteFormalExpression("loopCardinality", loop.Cardinality, null);
            }

            if (loop.CompletionCondition is not null)
            {
                WriteFormalExpression("completionCondition", loop.CompletionCondition, null);
            }

            _w.WriteEndElement();
        }

        private void WriteRootElement(BpmnRootElement element)
        {
            StartBpmn(element.ElementName, element);
            if (element.Code is not null)
            {
                _w.WriteAttributeString(element.Kind == BpmnRootElementKind.Error ? "errorCode" : "escalationCode", element.Code);
            }

            WriteExtensionAttributes(element);
            WriteDeclarations("output", element.Outputs);
            _w.WriteEndElement();
        }

        private void WriteProcess(BpmnProcess process)
        {
            StartBpmn("process", process);
            _w.WriteAttributeString("isExecutable", process.IsExecutable ? "true" : "false");
            WriteExtensionAttributes(process);
            WriteDeclarations("variable", process.Variables);
            WriteScopeContent(process);
            _w.WriteEndElement();
        }

        private void WriteScopeContent(IBpmnScope scope)
        {
            foreach (var node in scope.FlowNodes)
            {
                WriteNode(scope, node);
            }

            foreach (var flow in scope.SequenceFlows)
            {
                WriteFlow(flow);
            }

            foreach (var association in scope.Associations)
            {
                StartBpmn("association", association);
                WriteOptional("associationDirection", association.Direction);
                _w.WriteAttributeString("sourceRef", association.SourceRef);
                _w.WriteAttributeString("targetRef", association.TargetRef);
                WriteExtensionAttributes(association);
                _w.WriteEndElement();
            }
        }

        private void WriteNode(IBpmnScope scope, BpmnFlowNode node)
        {
            StartBpmn(node.Kind.ElementName(), node);
            if (node.Kind == BpmnNodeKind.BoundaryEvent)
            {
                if (!node.CancelActivity)
                {
                    _w.WriteAttributeString("cancelActivity", "false");
                }

                _w.WriteAttributeString("attachedToRef", node.AttachedToRef);
            }

            if (node.Kind == BpmnNodeKind.StartEvent && !node.IsInterrupting)
            {
                _w.WriteAttributeString("isInterrupting", "false");
            }

            if (node.TriggeredByEvent)
            {
                _w.WriteAttributeString("triggeredByEvent", "true");
            }

            if (node.IsForCompensation)
            {
                _w.WriteAttributeString("isForCompensation", "true");
            }

            WriteOptional("default", node.DefaultFlow);
            WriteOptional("messageRef", node.MessageRef);
            WriteOptional("scriptFormat", node.ScriptFormat);
            WriteOptional("calledElement", node.CalledElement);
            WriteExtensionAttributes(node);
            WriteNodeExtensionElements(node);

            foreach (var flow in scope.SequenceFlows.Where(f => f.TargetRef == node.Id))
            {
                _w.WriteElementString("bpmn", "incoming", BpmnXmlNames.Bpmn, flow.Id);
            }

            foreach (var flow in scope.SequenceFlows.Where(f => f.SourceRef == node.Id))
            {
                _w.WriteElementString("bpmn", "outgoing", BpmnXmlNames.Bpmn, flow.Id);
            }

            foreach (var definition in node.EventDefinitions)
            {
                WriteEventDefinition(definition);
            }

            if (node.Loop is not null)
            {
                WriteLoop(node.Loop);
            }

            if (node.Script is not null)
            {
                _w.WriteElementString("bpmn", "script", BpmnXmlNames.Bpmn, node.Script);
            }

            if (node.Kind.IsContainer())
            {
                WriteScopeContent(node);
            }

            _w.WriteEndElement();
        }

        private void WriteOptional(string attribute, string? value)
        {
            if (value is not null)
            {
                _w.WriteAttributeString(attribute, value);
            }
        }

        private void WriteEventDefinition(BpmnEventDefinition definition)
        {
            _w.WriteStartElement("bpmn", definition.ElementName, BpmnXmlNames.Bpmn);
            var referenceAttribute = definition.Kind switch
            {
                BpmnEventDefinitionKind.Message => "messageRef",
                BpmnEventDefinitionKind.Signal => "signalRef",
                BpmnEventDefinitionKind.Error => "errorRef",
                BpmnEventDefinitionKind.Escalation => "escalationRef",
                BpmnEventDefinitionKind.Compensate => "activityRef",
                _ => null,
            };
            if (referenceAttribute is not null)
            {
                WriteOptional(referenceAttribute, definition.Reference);
            }

            if (definition.Kind == BpmnEventDefinitionKind.Link)
            {
                WriteOptional("name", definition.LinkName);
            }

            if (definition.TimerValue is not null)
            {
                var element = definition.TimerKind switch
                {
                    BpmnTimerKind.Date => "timeDate",
                    BpmnTimerKind.Cycle => "timeCycle",
                    _ => "timeDuration",
                };
                WriteFormalExpression(element, definition.TimerValue, null);
            }

            if (definition.Condition is not null)
            {
                WriteFormalExpression("condition", definition.Condition, definition.ConditionLanguage);
            }

            _w.WriteEndElement();
        }

        private void WriteFormalExpression(string localName, string text, string? language)
        {
            _w.WriteStartElement("bpmn", localName, BpmnXmlNames.Bpmn);
            _w.WriteAttributeString("xsi", "type", BpmnXmlNames.Xsi, "bpmn:tFormalExpression");
            WriteOptional("language", language);
            _w.WriteString(text);
            _w.WriteEndElement();
        }

        private void WriteFlow(BpmnSequenceFlow flow)
        {
            StartBpmn("sequenceFlow", flow);
            _w.WriteAttributeString("sourceRef", flow.SourceRef);
            _w.WriteAttributeString("targetRef", flow.TargetRef);
            WriteExtensionAttributes(flow);
            if (flow.ConditionExpression is not null)
            {
                WriteFormalExpression("conditionExpression", flow.ConditionExpression, flow.ConditionLanguage);
            }

            _w.WriteEndElement();
        }

        private void WriteDiagram(BpmnProcess process, ProcessDiagram diagram)
        {
            _w.WriteStartElement("bpmndi", "BPMNDiagram", BpmnXmlNames.BpmnDi);
            _w.WriteAttributeString("id", "BPMNDiagram_" + process.Id);
            _w.WriteStartElement("bpmndi", "BPMNPlane", BpmnXmlNames.BpmnDi);
            _w.WriteAttributeString("id", "BPMNPlane_" + process.Id);
            _w.WriteAttributeString("bpmnElement", process.Id);

            // Containers before their content, so bpmn-js draws the content on top.
            foreach (var node in BpmnDefinitions.NodesIn(process))
            {
                var bounds = diagram.Shapes[node.Id];
                _w.WriteStartElement("bpmndi", "BPMNShape", BpmnXmlNames.BpmnDi);
                _w.WriteAttributeString("id", node.Id + "_di");
                _w.WriteAttributeString("bpmnElement", node.Id);
                if (node.Kind.IsContainer())
                {
                    _w.WriteAttributeString("isExpanded", "true");
                }

                if (node.Kind == BpmnNodeKind.ExclusiveGateway)
                {
                    _w.WriteAttributeString("isMarkerVisible", "true");
                }

                _w.WriteStartElement("dc", "Bounds", BpmnXmlNames.Dc);
                WriteNumber("x", bounds.X);
                WriteNumber("y", bounds.Y);
                WriteNumber("width", bounds.Width);
                WriteNumber("height", bounds.Height);
                _w.WriteEndElement();
                _w.WriteEndElement();
            }

            var scopes = new IBpmnScope[] { process }.Concat(BpmnDefinitions.NodesIn(process).Where(n => n.Kind.IsContainer())).ToList();
            var edges = scopes.SelectMany(s => s.SequenceFlows).Cast<BpmnElement>().Concat(scopes.SelectMany(s => s.Associations));
            foreach (var flow in edges)
            {
                if (!diagram.Edges.TryGetValue(flow.Id, out var waypoints))
                {
                    continue;
                }

                _w.WriteStartElement("bpmndi", "BPMNEdge", BpmnXmlNames.BpmnDi);
                _w.WriteAttributeString("id", flow.Id + "_di");
                _w.WriteAttributeString("bpmnElement", flow.Id);
                foreach (var point in waypoints)
                {
                    _w.WriteStartElement("di", "waypoint", BpmnXmlNames.Di);
                    WriteNumber("x", point.X);
                    WriteNumber("y", point.Y);
                    _w.WriteEndElement();
                }

                _w.WriteEndElement();
            }

            _w.WriteEndElement();
            _w.WriteEndElement();
        }

        private void WriteNumber(string attribute, int value) => _w.WriteAttributeString(attribute, value.ToString(CultureInfo.InvariantCulture));
    }
}
