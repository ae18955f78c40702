using AnimeGan.Core.Onnx.Proto;
using Google.Protobuf;

namespace AnimeGan.Core.Onnx
{
    /// <summary>Reads and writes ONNX model files (ModelProto) for the optimizer.</summary>
    internal static class OnnxModelFile
    {
        /// <summary>Parses a model, refusing anything that is not a ModelProto with a graph.</summary>
        /// <exception cref="AnimeGanException">Malformed or empty; the message names <paramref name="name"/>.</exception>
        public static ModelProto Parse(byte[] bytes, string name)
        {
            Throw.IfNull(bytes);
            ModelProto model;
            try
            {
                model = ModelProto.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new AnimeGanException(AnimeGanErrorCode.ModelLoadFailed, $"{name}: not an ONNX model ({ex.Message}).", name, ex);
            }

            if (model.Graph == null || model.Graph.Node.Count == 0 || model.IrVersion <= 0)
                throw new AnimeGanException(AnimeGanErrorCode.ModelLoadFailed, $"{name}: not an ONNX model (no IR version or no graph).", name);
            return model;
        }

        /// <summary>Reads a model file.</summary>
        public static ModelProto Read(string path)
        {
            Throw.IfNullOrEmpty(path);
            try
            {
                return Parse(File.ReadAllBytes(path), path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AnimeGanException(AnimeGanErrorCode.ModelLoadFailed, $"{path}: cannot read ({ex.Message}).", path, ex);
            }
        }

        /// <summary>Serializes a model.</summary>
        public static byte[] ToBytes(ModelProto model) => Throw.IfNull(model).ToByteArray();

        /// <summary>Writes a model atomically (temporary file, then rename).</summary>
        public static void Write(ModelProto model, string path)
        {
            Throw.IfNull(model);
            var target = Path.GetFullPath(path);
            var temporary = FileMoves.TemporaryPathFor(target);
            try
            {
                File.WriteAllBytes(temporary, model.ToByteArray());
                FileMoves.Replace(temporary, target);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AnimeGanException(AnimeGanErrorCode.WriteFailed, $"{target}: cannot write the model ({ex.Message}).", target, ex);
            }
            finally
            {
                FileMoves.TryDelete(temporary);
            }
        }
    }
}
