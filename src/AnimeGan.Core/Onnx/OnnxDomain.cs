using AnimeGan.Core.Onnx.Proto;

namespace AnimeGan.Core.Onnx
{
    /// <summary>The standard ONNX operator set, which a model may name as "" or "ai.onnx"; every pass asks the same way.</summary>
    internal static class OnnxDomain
    {
        /// <summary>Whether a node is a standard ONNX operator (not ONNX Runtime's com.microsoft or another domain).</summary>
        public static bool IsDefault(NodeProto node) => IsDefault(node.Domain);

        /// <summary>Gets the model's import of the standard operator set, or null when it has none.</summary>
        public static OperatorSetIdProto? MainOpset(ModelProto model) => model.OpsetImport.FirstOrDefault(o => IsDefault(o.Domain));

        private static bool IsDefault(string domain) => string.IsNullOrEmpty(domain) || domain == "ai.onnx";
    }
}
