// The project's own SWIG interface over Debian's QuantLib 1.29 (libquantlib0-dev).
// Lean on purpose: explicit declarations of only what volsurf uses, never a whole
// QuantLib header, so the wrapper compiles in seconds and the Java API stays small.
// Every proxy is AutoCloseable (close() == delete()) so native objects are released
// deterministically with try-with-resources; finalizers are switched off.
%module VolsurfQL

%{
#include "volsurf_ql.hpp"
using namespace QuantLib;
%}

%include <boost_shared_ptr.i>
%include <std_string.i>
%include <std_vector.i>

// QuantLib's errors become RuntimeExceptions with QuantLib's message.
%exception {
    try {
        $action
    } catch (std::exception& e) {
        SWIG_JavaThrowException(jenv, SWIG_JavaRuntimeException, e.what());
        return $null;
    } catch (...) {
        SWIG_JavaThrowException(jenv, SWIG_JavaRuntimeException, "unknown QuantLib error");
        return $null;
    }
}

// Load libvolsurfql.so lazily, the first time any wrapped function is used.
%pragma(java) jniclasscode=%{
  static {
    io.volsurf.greeks.ql.NativeLibrary.load();
  }
%}

%typemap(javainterfaces) SWIGTYPE "AutoCloseable"
%typemap(javacode) SWIGTYPE %{
  /** Releases the native object now (same as delete()); AutoCloseable except on std::vector proxies. */
  public void close() {
    delete();
  }
%}
%typemap(javafinalize) SWIGTYPE ""

// Primitive arrays handed to the batch pricer without element-by-element copies.
%typemap(jni) double* DARRAY "jdoubleArray"
%typemap(jtype) double* DARRAY "double[]"
%typemap(jstype) double* DARRAY "double[]"
%typemap(javain) double* DARRAY "$javainput"
%typemap(in) double* DARRAY {
    if (!$input) { SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "null array"); return $null; }
    $1 = jenv->GetDoubleArrayElements($input, 0);
}
%typemap(freearg) double* DARRAY { if ($1) jenv->ReleaseDoubleArrayElements($input, $1, 0); }
%typemap(jni) int* IARRAY "jintArray"
%typemap(jtype) int* IARRAY "int[]"
%typemap(jstype) int* IARRAY "int[]"
%typemap(javain) int* IARRAY "$javainput"
%typemap(in) int* IARRAY {
    if (!$input) { SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "null array"); return $null; }
    $1 = (int*) jenv->GetIntArrayElements($input, 0);
}
%typemap(freearg) int* IARRAY { if ($1) jenv->ReleaseIntArrayElements($input, (jint*) $1, JNI_ABORT); }
%apply double* DARRAY { double* spot, double* strike, double* maturityYears, double* rate, double* div, double* vol, double* out };
%apply int* IARRAY { int* isCall, int* isAmerican };

namespace QuantLib {
typedef double Real;
typedef double Rate;
typedef double Time;
typedef double Volatility;
typedef double DiscountFactor;
typedef int Integer;
typedef unsigned int Natural;
typedef std::size_t Size;
}

%template(DoubleVector) std::vector<double>;

// Polymorphic QuantLib objects live behind boost::shared_ptr (ext::shared_ptr in this build).
%shared_ptr(QuantLib::Quote)
%shared_ptr(QuantLib::SimpleQuote)
%shared_ptr(QuantLib::YieldTermStructure)
%shared_ptr(QuantLib::FlatForward)
%shared_ptr(QuantLib::ZeroCurve)
%shared_ptr(QuantLib::BlackVolTermStructure)
%shared_ptr(QuantLib::BlackConstantVol)
%shared_ptr(QuantLib::BlackVarianceSurface)
%shared_ptr(QuantLib::GeneralizedBlackScholesProcess)
%shared_ptr(QuantLib::BlackScholesMertonProcess)
%shared_ptr(QuantLib::Payoff)
%shared_ptr(QuantLib::StrikedTypePayoff)
%shared_ptr(QuantLib::PlainVanillaPayoff)
%shared_ptr(QuantLib::Exercise)
%shared_ptr(QuantLib::EuropeanExercise)
%shared_ptr(QuantLib::AmericanExercise)
%shared_ptr(QuantLib::PricingEngine)
%shared_ptr(QuantLib::AnalyticEuropeanEngine)
%shared_ptr(QuantLib::FdBlackScholesVanillaEngine)
%shared_ptr(QuantLib::BaroneAdesiWhaleyApproximationEngine)
%shared_ptr(QuantLib::BjerksundStenslandApproximationEngine)
%shared_ptr(QuantLib::VanillaOption)
%shared_ptr(QuantLib::SmileSection)
%shared_ptr(QuantLib::SviSmileSection)

namespace QuantLib {

// ---- dates, calendars, day counters -------------------------------------------
enum TimeUnit { Days, Weeks, Months, Years, Hours, Minutes, Seconds, Milliseconds, Microseconds };
enum BusinessDayConvention { Following, ModifiedFollowing, Preceding, ModifiedPreceding, Unadjusted,
                             HalfMonthModifiedFollowing, Nearest };

class Date {
  public:
    typedef long serial_type;
    Date();
    %extend {
        Date(int day, int month, int year) { return new QuantLib::Date(day, QuantLib::Month(month), year); }
        static QuantLib::Date fromIso(const std::string& iso) { return QuantLib::DateParser::parseISO(iso); }
        int dayOfMonth() const { return self->dayOfMonth(); }
        int month() const { return static_cast<int>(self->month()); }
        int year() const { return self->year(); }
        /** Monday = 2 ... Sunday = 1, as QuantLib's Weekday. */
        int weekday() const { return static_cast<int>(self->weekday()); }
        long serialNumber() const { return static_cast<long>(self->serialNumber()); }
        QuantLib::Date plus(int n, QuantLib::TimeUnit unit) const { return *self + QuantLib::Period(n, unit); }
        QuantLib::Date plusYears(double years) const { return volsurf::dateAfterYears(*self, years); }
        bool equalTo(const QuantLib::Date& other) const { return *self == other; }
        int compareTo(const QuantLib::Date& other) const { return *self < other ? -1 : (other < *self ? 1 : 0); }
        std::string toString() const { std::ostringstream s; s << QuantLib::io::iso_date(*self); return s.str(); }
    }
};
}  // namespace QuantLib
%template(DateVector) std::vector<QuantLib::Date>;
namespace QuantLib {

class Calendar {
  public:
    std::string name() const;
    bool isBusinessDay(const Date& d) const;
    bool isHoliday(const Date& d) const;
    Date adjust(const Date& d, BusinessDayConvention convention = Following) const;
    Date advance(const Date& d, Integer n, TimeUnit unit, BusinessDayConvention convention = Following,
                 bool endOfMonth = false) const;
    Date::serial_type businessDaysBetween(const Date& from, const Date& to,
                                          bool includeFirst = true, bool includeLast = false) const;
};
%nodefaultctor UnitedStates;
class UnitedStates : public Calendar {
  public:
    enum Market { Settlement, NYSE, GovernmentBond, NERC, LiborImpact, FederalReserve, SOFR };
    UnitedStates(Market market);
};
class TARGET : public Calendar { public: TARGET(); };
class NullCalendar : public Calendar { public: NullCalendar(); };

%nodefaultctor DayCounter;
class DayCounter {
  public:
    std::string name() const;
    Date::serial_type dayCount(const Date& d1, const Date& d2) const;
    Time yearFraction(const Date& d1, const Date& d2) const;
};
class Actual365Fixed : public DayCounter { public: Actual365Fixed(); };
class Actual360 : public DayCounter { public: Actual360(); };

// ---- quotes and term structures -------------------------------------------------
%nodefaultctor Quote;
class Quote {
  public:
    Real value() const;
    bool isValid() const;
};
class SimpleQuote : public Quote {
  public:
    SimpleQuote(Real value);
    Real setValue(Real value);
};

%nodefaultctor YieldTermStructure;
class YieldTermStructure {
  public:
    DiscountFactor discount(Time t, bool extrapolate = false) const;
    DiscountFactor discount(const Date& d, bool extrapolate = false) const;
    Date referenceDate() const;
    %extend {
        /** Continuously compounded zero rate to time t (years). */
        Rate zeroRate(Time t) const { return self->zeroRate(t, QuantLib::Continuous, QuantLib::Annual, true).rate(); }
    }
};
class FlatForward : public YieldTermStructure {
  public:
    FlatForward(const Date& referenceDate, Rate forward, const DayCounter& dayCounter);
    %extend {
        FlatForward(const Date& referenceDate, const boost::shared_ptr<Quote>& forward, const DayCounter& dayCounter) {
            return new QuantLib::FlatForward(referenceDate, QuantLib::Handle<QuantLib::Quote>(forward), dayCounter);
        }
    }
};
/** InterpolatedZeroCurve<Linear>: continuously compounded zero rates, linear in the rate. */
class ZeroCurve : public YieldTermStructure {
  public:
    ZeroCurve(const std::vector<Date>& dates, const std::vector<Rate>& yields, const DayCounter& dayCounter);
};

%nodefaultctor BlackVolTermStructure;
class BlackVolTermStructure {
  public:
    Volatility blackVol(Time t, Real strike, bool extrapolate = false) const;
    Real blackVariance(Time t, Real strike, bool extrapolate = false) const;
    Date referenceDate() const;
};
class BlackConstantVol : public BlackVolTermStructure {
  public:
    BlackConstantVol(const Date& referenceDate, const Calendar& calendar, Volatility volatility,
                     const DayCounter& dayCounter);
    %extend {
        BlackConstantVol(const Date& referenceDate, const Calendar& calendar, const boost::shared_ptr<Quote>& vol,
                         const DayCounter& dayCounter) {
            return new QuantLib::BlackConstantVol(referenceDate, calendar, QuantLib::Handle<QuantLib::Quote>(vol), dayCounter);
        }
    }
};
class BlackVarianceSurface : public BlackVolTermStructure {
  public:
    %extend {
        /** volsStrikeMajor[i * dates.size() + j] is the Black vol at strikes[i], dates[j]. */
        BlackVarianceSurface(const Date& referenceDate, const Calendar& calendar, const std::vector<QuantLib::Date>& dates,
                             const std::vector<double>& strikes, const std::vector<double>& volsStrikeMajor,
                             const DayCounter& dayCounter) {
            QL_REQUIRE(volsStrikeMajor.size() == strikes.size() * dates.size(),
                       "volsStrikeMajor must hold strikes x dates = " << strikes.size() * dates.size()
                       << " values, got " << volsStrikeMajor.size());
            QuantLib::Matrix m(strikes.size(), dates.size());
            for (QuantLib::Size i = 0; i < strikes.size(); ++i)
                for (QuantLib::Size j = 0; j < dates.size(); ++j) m[i][j] = volsStrikeMajor[i * dates.size() + j];
            return new QuantLib::BlackVarianceSurface(referenceDate, calendar, dates, strikes, m, dayCounter);
        }
    }
};

// ---- process, instrument, engines -------------------------------------------------
%nodefaultctor GeneralizedBlackScholesProcess;
class GeneralizedBlackScholesProcess {
  public:
    Real x0() const;
};
class BlackScholesMertonProcess : public GeneralizedBlackScholesProcess {
  public:
    %extend {
        BlackScholesMertonProcess(const boost::shared_ptr<Quote>& spot,
                                  const boost::shared_ptr<YieldTermStructure>& dividendTS,
                                  const boost::shared_ptr<YieldTermStructure>& riskFreeTS,
                                  const boost::shared_ptr<BlackVolTermStructure>& blackVolTS) {
            return new QuantLib::BlackScholesMertonProcess(
                QuantLib::Handle<QuantLib::Quote>(spot), QuantLib::Handle<QuantLib::YieldTermStructure>(dividendTS),
                QuantLib::Handle<QuantLib::YieldTermStructure>(riskFreeTS),
                QuantLib::Handle<QuantLib::BlackVolTermStructure>(blackVolTS));
        }
    }
};

%nodefaultctor Option;
%nodefaultdtor Option;
class Option {
  public:
    enum Type { Put = -1, Call = 1 };
};

%nodefaultctor Payoff;
%nodefaultctor StrikedTypePayoff;
class Payoff { public: std::string name() const; };
class StrikedTypePayoff : public Payoff { public: Real strike() const; Option::Type optionType() const; };
class PlainVanillaPayoff : public StrikedTypePayoff { public: PlainVanillaPayoff(Option::Type type, Real strike); };

%nodefaultctor Exercise;
class Exercise { public: Date lastDate() const; };
class EuropeanExercise : public Exercise { public: EuropeanExercise(const Date& date); };
class AmericanExercise : public Exercise { public: AmericanExercise(const Date& earliestDate, const Date& latestDate); };

%nodefaultctor PricingEngine;
class PricingEngine {};
class AnalyticEuropeanEngine : public PricingEngine {
  public:
    AnalyticEuropeanEngine(const boost::shared_ptr<GeneralizedBlackScholesProcess>& process);
};
class FdBlackScholesVanillaEngine : public PricingEngine {
  public:
    FdBlackScholesVanillaEngine(const boost::shared_ptr<GeneralizedBlackScholesProcess>& process,
                                Size tGrid, Size xGrid, Size dampingSteps);
};
class BaroneAdesiWhaleyApproximationEngine : public PricingEngine {
  public:
    BaroneAdesiWhaleyApproximationEngine(const boost::shared_ptr<GeneralizedBlackScholesProcess>& process);
};
class BjerksundStenslandApproximationEngine : public PricingEngine {
  public:
    BjerksundStenslandApproximationEngine(const boost::shared_ptr<GeneralizedBlackScholesProcess>& process);
};

class VanillaOption {
  public:
    VanillaOption(const boost::shared_ptr<StrikedTypePayoff>& payoff, const boost::shared_ptr<Exercise>& exercise);
    void setPricingEngine(const boost::shared_ptr<PricingEngine>& engine);
    bool isExpired() const;
    Real NPV() const;
    Real delta() const;
    Real gamma() const;
    Real vega() const;
    Real theta() const;
    Real rho() const;
    Real dividendRho() const;
    Volatility impliedVolatility(Real price, const boost::shared_ptr<GeneralizedBlackScholesProcess>& process,
                                 Real accuracy, Size maxEvaluations, Volatility minVol, Volatility maxVol) const;
};

// ---- Black formula and SVI ------------------------------------------------------------
Real blackFormula(Option::Type optionType, Real strike, Real forward, Real stdDev, Real discount = 1.0,
                  Real displacement = 0.0);
Real blackFormulaImpliedStdDev(Option::Type optionType, Real strike, Real forward, Real blackPrice,
                               Real discount = 1.0, Real displacement = 0.0);

%nodefaultctor SmileSection;
class SmileSection {
  public:
    Volatility volatility(Real strike) const;
    Real variance(Real strike) const;
    Time exerciseTime() const;
};
class SviSmileSection : public SmileSection {
  public:
    /** sviParameters in QuantLib's order: a, b, sigma, rho, m. */
    SviSmileSection(Time timeToExpiry, Rate forward, std::vector<Real> sviParameters);
};

}  // namespace QuantLib

// ---- project helpers (volsurf_ql.hpp) -------------------------------------------------
namespace volsurf {
std::string quantLibVersion();
void setEvaluationDate(const QuantLib::Date& d);
QuantLib::Date evaluationDate();

struct SviFitResult {
    double a, b, sigma, rho, m;
    double rmsError, maxError;
    int endCriteria;
};
SviFitResult sviFit(const std::vector<double>& strikes, const std::vector<double>& vols,
                    double expiryYears, double forward, double a, double b, double sigma, double rho, double m,
                    bool vegaWeighted);

class BatchPricer {
  public:
    BatchPricer(int americanEngine, int fdTimeSteps, int fdGridPoints, int fdDampingSteps);
    void price(int n, double* spot, double* strike, double* maturityYears, double* rate, double* div,
               double* vol, int* isCall, int* isAmerican, double* out);
};
}
