import Foundation

/// Whether `a` and `b` are the same JSON document: members in any order, numbers by value; false when either is
/// not JSON. The oracle tests compare a translation with a body written by hand this way.
public func sameJSON(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    let first = try? JSONSerialization.jsonObject(with: Data(a)) as? NSObject
    let second = try? JSONSerialization.jsonObject(with: Data(b)) as? NSObject
    return first != nil && first == second
}
