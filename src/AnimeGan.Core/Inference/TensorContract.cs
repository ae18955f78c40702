using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AnimeGan.Core.Inference
{
    /// <summary>
    /// How to feed a generator, read from the ONNX file itself (names, layout, element type, fixed or
    /// dynamic size) rather than from a table in code, so a new model file needs no code change.
    /// </summary>
    /// <param name="InputName">The name of the image input.</param>
    /// <param name="OutputName">The name of the image output.</param>
    /// <param name="Layout">The layout of both tensors.</param>
    /// <param name="ElementType">The element type of both tensors (float or float16).</param>
    /// <param name="FixedHeight">The height the model insists on, or null when it takes any.</param>
    /// <param name="FixedWidth">The width the model insists on, or null when it takes any.</param>
    internal sealed record TensorContract(string InputName, string OutputName, TensorLayout Layout, TensorElementType ElementType, int? FixedHeight, int? FixedWidth)
    {
        /// <summary>Gets the element type as the manifest spells it.</summary>
        public string ElementTypeName => ElementType == TensorElementType.Float16 ? "float16" : "float32";

        /// <summary>Gets the layout as the manifest spells it.</summary>
        public string LayoutName => Layout == TensorLayout.Nhwc ? "NHWC" : "NCHW";

        /// <summary>
        /// Reads the contract of an image-to-image generator: one rank-4 three-channel float input and a
        /// rank-4 output of the same layout and type.
        /// </summary>
        /// <exception cref="AnimeGanException">The model is not such a generator (for example a face detector).</exception>
        public static TensorContract Read(IReadOnlyDictionary<string, NodeMetadata> inputs, IReadOnlyDictionary<string, NodeMetadata> outputs, string modelName)
        {
            if (inputs.Count != 1)
                throw Unsupported(modelName, $"it has {inputs.Count} inputs; a style model has one image input");
            var input = inputs.First();
            var output = outputs.First();
            var inputDims = input.Value.Dimensions;
            var outputDims = output.Value.Dimensions;
            if (!input.Value.IsTensor || inputDims.Length != 4)
                throw Unsupported(modelName, $"its input '{input.Key}' is not a rank-4 image tensor");
            if (!output.Value.IsTensor || outputDims.Length != 4)
                throw Unsupported(modelName, $"its output '{output.Key}' has rank {outputDims.Length}; a style model returns a rank-4 image");

            TensorLayout layout;
            if (inputDims[3] == 3)
                layout = TensorLayout.Nhwc;
            else if (inputDims[1] == 3)
                layout = TensorLayout.Nchw;
            else
                throw Unsupported(modelName, $"its input shape [{string.Join(",", inputDims)}] has no 3-channel axis");

            var channelAxis = layout == TensorLayout.Nhwc ? 3 : 1;
            if (outputDims[channelAxis] != 3)
                throw Unsupported(modelName, $"its output shape [{string.Join(",", outputDims)}] is not a 3-channel {layout} image");

            var elementType = input.Value.ElementDataType;
            if (elementType != TensorElementType.Float && elementType != TensorElementType.Float16)
                throw Unsupported(modelName, $"its input is {elementType}; only float32 and float16 generators are supported");
            if (output.Value.ElementDataType != elementType)
                throw Unsupported(modelName, $"its output is {output.Value.ElementDataType} while its input is {elementType}");

            var heightAxis = layout == TensorLayout.Nhwc ? 1 : 2;
            int? Fixed(int axis) => inputDims[axis] > 0 ? inputDims[axis] : (int?)null;
            return new TensorContract(input.Key, output.Key, layout, elementType, Fixed(heightAxis), Fixed(heightAxis + 1));
        }

        /// <summary>Builds the tensor shape for a picture of the given size.</summary>
        public long[] Shape(int height, int width)
            => Layout == TensorLayout.Nhwc ? new long[] { 1, height, width, 3 } : new long[] { 1, 3, height, width };

        private static AnimeGanException Unsupported(string modelName, string problem)
            => new AnimeGanException(AnimeGanErrorCode.ModelContractUnsupported, $"{modelName}: not an image-to-image style model ({problem}).", modelName);
    }
}
