#if canImport(Glibc)
import Glibc
#endif

/// Who records when no --actor is given: $SITREP_ACTOR, else the login name.
public enum DefaultActor {
    public static var name: String {
        if let fromEnvironment = getenv("SITREP_ACTOR").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return loginName
    }

    private static var loginName: String {
        if let login = getlogin() { return String(cString: login) }
        if let user = getenv("USER").map({ String(cString: $0) }), !user.isEmpty { return user }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}
