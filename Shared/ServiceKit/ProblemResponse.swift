import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Builds `application/problem+json` responses (RFC 9457).
public enum ProblemResponse {
    public static func make(_ problem: Problem, headers extra: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(problem)) ?? Data(#"{"status":500,"title":"Internal Server Error"}"#.utf8)
        var headers = extra
        headers[.contentType] = Problem.mediaType
        headers[.cacheControl] = "no-store"
        return Response(
            status: HTTPResponse.Status(code: problem.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
